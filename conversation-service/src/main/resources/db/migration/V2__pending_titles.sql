-- A conversation created without a title carries the default one until its first
-- exchange names it; conversations that exist already keep the title they have.
ALTER TABLE conversations ADD COLUMN title_pending boolean NOT NULL DEFAULT false;

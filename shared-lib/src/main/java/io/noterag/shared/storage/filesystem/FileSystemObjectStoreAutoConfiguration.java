package io.noterag.shared.storage.filesystem;

import java.util.Locale;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.noterag.shared.storage.ObjectStore;

/**
 * Provides the {@link FileSystemObjectStore} when {@code noterag.object-store.type} is
 * {@code filesystem} or unset, and makes start-up fail with a clear message when the type
 * names an adapter that no auto-configuration on the class path provides.
 */
@AutoConfiguration
@EnableConfigurationProperties(ObjectStoreProperties.class)
public class FileSystemObjectStoreAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ObjectStore.class)
	@ConditionalOnProperty(prefix = "noterag.object-store", name = "type",
			havingValue = ObjectStoreProperties.FILESYSTEM, matchIfMissing = true)
	FileSystemObjectStore fileSystemObjectStore(ObjectStoreProperties properties) {
		return new FileSystemObjectStore(properties.filesystem().root());
	}

	@Bean
	static ObjectStoreAdapterCheck objectStoreAdapterCheck(ListableBeanFactory beanFactory,
			ObjectStoreProperties properties) {
		return new ObjectStoreAdapterCheck(beanFactory, properties.type());
	}

	/**
	 * Fails the start-up when the configured type has no adapter, instead of failing
	 * later on the first upload.
	 */
	static final class ObjectStoreAdapterCheck implements SmartInitializingSingleton {

		private final ListableBeanFactory beanFactory;

		private final String type;

		ObjectStoreAdapterCheck(ListableBeanFactory beanFactory, String type) {
			this.beanFactory = beanFactory;
			this.type = type;
		}

		@Override
		public void afterSingletonsInstantiated() {
			if (this.beanFactory.getBeanNamesForType(ObjectStore.class, true, false).length == 0) {
				throw new IllegalStateException("noterag.object-store.type=" + this.type.toLowerCase(Locale.ROOT)
						+ " names no object store adapter available to this service (available: "
						+ ObjectStoreProperties.FILESYSTEM + "); add the adapter's dependency or set "
						+ "noterag.object-store.type=" + ObjectStoreProperties.FILESYSTEM);
			}
		}

	}

}

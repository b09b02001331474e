package io.noterag.shared.test;

import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at the real Postgres, Redis and RabbitMQ, isolated for
 * this run: the service's schema ({@code noterag.db.schema}) gets the run's suffix,
 * RabbitMQ the run's virtual host, Redis keys the run's prefix. Use with
 * {@code @ContextConfiguration(initializers = RealInfrastructureInitializer.class)} or
 * {@code @SpringBootTest(... )} plus {@code @ContextConfiguration}.
 */
public class RealInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		Map<String, Object> properties = new HashMap<>();
		properties.put("spring.datasource.url", TestInfrastructure.databaseUrl());
		properties.put("spring.datasource.username", TestInfrastructure.databaseUser());
		properties.put("spring.datasource.password", TestInfrastructure.databasePassword());
		String schema = environment.getProperty("noterag.db.schema");
		if (schema != null && !schema.contains("_t" + TestInfrastructure.RUN_ID)) {
			properties.put("noterag.db.schema", TestInfrastructure.schema(schema));
		}
		properties.put("spring.rabbitmq.host", TestInfrastructure.rabbitHost());
		properties.put("spring.rabbitmq.virtual-host", TestInfrastructure.rabbitVirtualHost());
		properties.put("spring.data.redis.host", TestInfrastructure.redisHost());
		properties.put("noterag.cache.key-prefix", TestInfrastructure.redisPrefix());
		environment.getPropertySources().addFirst(new MapPropertySource("realInfrastructure", properties));
	}

}

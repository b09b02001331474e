package io.noterag.gateway.routing;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;

/**
 * Service instances from configuration ({@code noterag.routes.<service>.uris}), for
 * Spring Cloud LoadBalancer's {@code lb://} routes. It sits beside Spring Cloud's simple
 * discovery client, so instances given as
 * {@code spring.cloud.discovery.client.simple.instances.<service>[n].uri} are added to
 * these.
 */
class ConfiguredServicesDiscoveryClient implements ReactiveDiscoveryClient {

	private final Map<String, List<ServiceInstance>> instances;

	ConfiguredServicesDiscoveryClient(Map<String, List<URI>> services) {
		Map<String, List<ServiceInstance>> map = new LinkedHashMap<>();
		services.forEach((serviceId, uris) -> {
			List<ServiceInstance> list = new ArrayList<>();
			for (int i = 0; i < uris.size(); i++) {
				list.add(instance(serviceId, i, uris.get(i)));
			}
			map.put(serviceId, List.copyOf(list));
		});
		this.instances = map;
	}

	private static ServiceInstance instance(String serviceId, int index, URI uri) {
		if (uri.getHost() == null || uri.getScheme() == null) {
			throw new IllegalArgumentException(
					"Instance URI of " + serviceId + " must look like http://host:port, not '" + uri + "'");
		}
		boolean secure = "https".equalsIgnoreCase(uri.getScheme());
		int port = (uri.getPort() != -1) ? uri.getPort() : (secure ? 443 : 80);
		return new DefaultServiceInstance(serviceId + "-" + index, serviceId, uri.getHost(), port, secure);
	}

	@Override
	public String description() {
		return "Service instances from noterag.routes.<service>.uris";
	}

	@Override
	public Flux<ServiceInstance> getInstances(String serviceId) {
		return Flux.fromIterable(this.instances.getOrDefault(serviceId, List.of()));
	}

	@Override
	public Flux<String> getServices() {
		return Flux.fromIterable(this.instances.keySet());
	}

}

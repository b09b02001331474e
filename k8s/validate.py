#!/usr/bin/env python3
"""Checks the rendered NoteRAG Kubernetes manifests for mistakes a schema check misses.

`kubectl kustomize` (or `kustomize build`) already proves that every kustomization,
patch and generator resolves. This script renders each overlay with it and then checks
what ties the objects together:

- every object has apiVersion, kind and a name, sits in the `noterag` namespace, and no
  object is defined twice;
- workloads: the selector matches the pod template's labels, every container has an
  image and CPU/memory requests and limits, probes point at a declared port, and the
  NoteRAG services probe the actuator groups (/actuator/health/readiness and
  /actuator/health/liveness) and have a startup probe;
- every volume mount names a volume, every volume is mounted, and every claim,
  ConfigMap and Secret that is referenced exists (the Secret `noterag-secrets` may be
  created outside the overlay, as the production overlay expects);
- Services select at least one workload and their target ports exist on its pods;
  the Ingress, HPAs and PodDisruptionBudgets point at objects that exist;
- the service URLs in the configuration (NOTERAG_SERVICES_*_URL, NOTERAG_ROUTES_*_URIS,
  NOTERAG_SECURITY_*_URI, the datasource, Redis and RabbitMQ hosts) name a Service and
  port of the overlay, or an external host (one with a dot in its name);
- the Lucene index has exactly one writer (one replica, Recreate strategy) and every
  other pod mounts it read-only.

Where neither `kubectl` nor `kustomize` is installed (Debian ships neither), the script
renders the overlays itself with a small resolver that understands exactly the
kustomize features these manifests use (resources, components, namespace, labels,
images, ConfigMap/Secret generators, strategic-merge and JSON 6902 patches with
targets) and fails on anything else. `--compare` renders with both and reports any
difference, which keeps the resolver honest on machines that have kubectl.

Usage (from the project root; needs PyYAML, Debian package python3-yaml):

    python3 k8s/validate.py                      # both overlays
    python3 k8s/validate.py k8s/overlays/production
    kubectl kustomize k8s/overlays/production | python3 k8s/validate.py -
    python3 k8s/validate.py --builtin           # render with the built-in resolver
    python3 k8s/validate.py --compare           # built-in resolver == kubectl kustomize?

Exit status 0 when every overlay passes, 1 otherwise.
"""

import os
import re
import shutil
import subprocess
import sys

try:
    import yaml
except ImportError:  # pragma: no cover - depends on the machine
    sys.exit("validate.py needs PyYAML: apt-get install -y python3-yaml (or pip install pyyaml)")

HERE = os.path.dirname(os.path.abspath(__file__))
# The base is rendered as part of both overlays; on its own it lacks the infrastructure
# (Postgres, Redis, RabbitMQ) that an overlay provides or points at.
DEFAULT_TARGETS = [
    os.path.join(HERE, "overlays", "single-node"),
    os.path.join(HERE, "overlays", "production"),
]
NAMESPACE = "noterag"
EXTERNAL_SECRETS = {"noterag-secrets"}
CLUSTER_SCOPED = {"Namespace", "ClusterRole", "ClusterRoleBinding", "StorageClass",
                  "PersistentVolume", "IngressClass", "CustomResourceDefinition"}
WORKLOAD_KINDS = {"Deployment", "StatefulSet", "DaemonSet"}
URL_KEYS = re.compile(r"^NOTERAG_(SERVICES_.*_URL|ROUTES_.*_URIS|SECURITY_(JWKS|TOKEN)_URI)$")
NOTERAG_SERVICES = {"api-gateway", "query-service", "document-service", "conversation-service",
                    "multimodal-service", "indexing-worker"}


def render_with_tool(target):
    """Renders a kustomization directory with kubectl kustomize or kustomize build, or
    returns (None, None) when neither is installed."""
    if shutil.which("kubectl"):
        command = ["kubectl", "kustomize", target]
    elif shutil.which("kustomize"):
        command = ["kustomize", "build", target]
    else:
        return None, None
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        return None, result.stderr.strip() or "kustomize failed"
    return result.stdout, None


def render_builtin(target):
    try:
        return yaml.safe_dump_all(MiniKustomize().build(target), sort_keys=True), None
    except (UnsupportedError, OSError, yaml.YAMLError, KeyError, IndexError, ValueError) as ex:
        return None, f"built-in resolver: {ex}"


def render(target, builtin=False):
    if not builtin:
        text, problem = render_with_tool(target)
        if text is not None or problem is not None:
            return text, problem, "kubectl kustomize" if shutil.which("kubectl") else "kustomize build"
    text, problem = render_builtin(target)
    return text, problem, "built-in resolver"


class UnsupportedError(Exception):
    """A kustomization uses something the built-in resolver does not implement."""


# Lists that strategic merge patches merge by a key instead of replacing them.
MERGE_KEYS = {"containers": "name", "initContainers": "name", "env": "name", "volumes": "name",
              "volumeMounts": "mountPath", "ports": "containerPort", "envFrom": None,
              "imagePullSecrets": "name", "tolerations": None}
KUSTOMIZATION_FIELDS = {"apiVersion", "kind", "resources", "components", "namespace", "labels",
                        "images", "configMapGenerator", "secretGenerator", "patches"}
TEMPLATE_KINDS = {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"}


class MiniKustomize:
    """The subset of kustomize that k8s/ uses, resolved by hand (see the module docs)."""

    def build(self, directory):
        objects, renames = self.accumulate(directory, [])
        for obj in objects:
            rename_references(obj, renames)
        return objects

    def accumulate(self, directory, inherited):
        path = os.path.join(directory, "kustomization.yaml")
        with open(path) as handle:
            kustomization = yaml.safe_load(handle) or {}
        unknown = set(kustomization) - KUSTOMIZATION_FIELDS
        if unknown:
            raise UnsupportedError(f"{path}: fields {sorted(unknown)}")
        objects = list(inherited)
        renames = {}
        own = []
        for resource in kustomization.get("resources", []):
            location = os.path.normpath(os.path.join(directory, resource))
            if os.path.isdir(location):
                built, more = self.accumulate(location, [])
                own.extend(built)
                renames.update(more)
            else:
                with open(location) as handle:
                    own.extend(d for d in yaml.safe_load_all(handle) if d)
        objects.extend(own)
        for component in kustomization.get("components", []):
            location = os.path.normpath(os.path.join(directory, component))
            objects, more = self.accumulate(location, objects)
            renames.update(more)
        for kind, field in (("ConfigMap", "configMapGenerator"), ("Secret", "secretGenerator")):
            for generator in kustomization.get(field, []):
                obj, old, new = generate(kind, generator, directory)
                objects.append(obj)
                renames[(kind, old)] = new
        # transformers act on everything this kustomization holds: its resources, what its
        # components added and its generated objects
        for patch in kustomization.get("patches", []):
            objects = apply_patch(objects, patch, directory)
        if "namespace" in kustomization:
            for obj in objects:
                if obj.get("kind") not in CLUSTER_SCOPED:
                    obj.setdefault("metadata", {})["namespace"] = kustomization["namespace"]
        for label in kustomization.get("labels", []):
            if label.get("includeSelectors"):
                raise UnsupportedError("labels with includeSelectors")
            for obj in objects:
                add_labels(obj, label.get("pairs", {}), label.get("includeTemplates", False))
        for image in kustomization.get("images", []):
            for obj in objects:
                set_image(obj, image)
        return objects, renames


def generate(kind, generator, directory):
    if generator.get("behavior", "create") != "create" or set(generator) - {"name", "files", "literals"}:
        raise UnsupportedError(f"{kind} generator {generator}")
    data = {}
    for literal in generator.get("literals", []):
        key, _, value = literal.partition("=")
        data[key] = value
    for entry in generator.get("files", []):
        key, _, file = entry.rpartition("=") if "=" in entry else (os.path.basename(entry), "", entry)
        with open(os.path.join(directory, file)) as handle:
            data[key] = handle.read()
    name = generator["name"]
    # kustomize appends a content hash; its exact form does not matter here
    import hashlib
    digest = hashlib.sha256(yaml.safe_dump(data, sort_keys=True).encode()).hexdigest()[:10]
    obj = {"apiVersion": "v1", "kind": kind, "metadata": {"name": f"{name}-{digest}"}}
    if kind == "Secret":
        import base64
        obj["type"] = "Opaque"
        obj["data"] = {k: base64.b64encode(v.encode()).decode() for k, v in data.items()}
    else:
        obj["data"] = data
    return obj, name, obj["metadata"]["name"]


def rename_references(obj, renames):
    def walk(node):
        if isinstance(node, dict):
            for ref, kind, field in (("configMapRef", "ConfigMap", "name"), ("secretRef", "Secret", "name"),
                                     ("configMapKeyRef", "ConfigMap", "name"),
                                     ("secretKeyRef", "Secret", "name"), ("configMap", "ConfigMap", "name"),
                                     ("secret", "Secret", "secretName")):
                target = node.get(ref)
                if isinstance(target, dict) and (kind, target.get(field)) in renames:
                    target[field] = renames[(kind, target[field])]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(obj.get("spec", {}))


def add_labels(obj, pairs, templates):
    obj.setdefault("metadata", {}).setdefault("labels", {}).update(pairs)
    if templates and obj.get("kind") in TEMPLATE_KINDS:
        spec = obj.get("spec", {})
        spec.setdefault("template", {}).setdefault("metadata", {}).setdefault("labels", {}).update(pairs)
        for claim in spec.get("volumeClaimTemplates", []):
            claim.setdefault("metadata", {}).setdefault("labels", {}).update(pairs)


def set_image(obj, image):
    pod = obj.get("spec", {}).get("template", {}).get("spec", {})
    for container in pod.get("containers", []) + pod.get("initContainers", []):
        name, _, tag = container.get("image", "").partition(":")
        if name == image["name"]:
            container["image"] = f"{image.get('newName', name)}:{image.get('newTag', tag)}"


def matches(obj, target):
    if not target:
        return True
    if set(target) - {"kind", "name"}:
        raise UnsupportedError(f"patch target {target}")
    if "kind" in target and obj.get("kind") != target["kind"]:
        return False
    if "name" in target and not re.fullmatch(target["name"], obj.get("metadata", {}).get("name", "")):
        return False
    return True


def apply_patch(objects, patch, directory):
    if set(patch) - {"patch", "target", "path"}:
        raise UnsupportedError(f"patch {patch}")
    if "path" in patch:
        with open(os.path.join(directory, patch["path"])) as handle:
            body = yaml.safe_load(handle)
    else:
        body = yaml.safe_load(patch["patch"])
    target = patch.get("target")
    if isinstance(body, list):
        if not target:
            raise UnsupportedError("a JSON 6902 patch needs a target")
        for obj in objects:
            if matches(obj, target):
                for operation in body:
                    json_patch(obj, operation)
        return objects
    if target is None:
        target = {"kind": body["kind"], "name": re.escape(body["metadata"]["name"])}
    kept = []
    for obj in objects:
        if matches(obj, target):
            if body.get("$patch") == "delete":
                continue
            strategic_merge(obj, {k: v for k, v in body.items() if k not in ("apiVersion", "kind")})
        kept.append(obj)
    return kept


def strategic_merge(node, patch):
    for key, value in patch.items():
        if key == "$patch":
            continue
        if isinstance(value, dict) and isinstance(node.get(key), dict):
            strategic_merge(node[key], value)
        elif isinstance(value, list) and isinstance(node.get(key), list) and MERGE_KEYS.get(key):
            merge_list(node[key], value, MERGE_KEYS[key])
        elif isinstance(value, list) and key in MERGE_KEYS and MERGE_KEYS[key] is None:
            raise UnsupportedError(f"strategic merge of list {key!r}")
        else:
            node[key] = value


def merge_list(items, patch_items, key):
    for patch_item in patch_items:
        existing = next((i for i in items if i.get(key) == patch_item.get(key)), None)
        if patch_item.get("$patch") == "delete":
            if existing is not None:
                items.remove(existing)
        elif existing is not None:
            strategic_merge(existing, patch_item)
        else:
            items.append(patch_item)


def json_patch(obj, operation):
    op, path = operation["op"], operation["path"]
    if op not in ("add", "replace", "remove"):
        raise UnsupportedError(f"JSON patch op {op}")
    parts = [p.replace("~1", "/").replace("~0", "~") for p in path.split("/")[1:]]
    parent = obj
    for part in parts[:-1]:
        parent = parent[int(part)] if isinstance(parent, list) else parent[part]
    last = parts[-1]
    if isinstance(parent, list):
        index = len(parent) if last == "-" else int(last)
        if op == "add":
            parent.insert(index, operation["value"])
        elif op == "replace":
            parent[index] = operation["value"]
        else:
            del parent[index]
    else:
        if op == "replace" and last not in parent:
            raise ValueError(f"JSON patch: {path} does not exist in {ident(obj)}")
        if op == "remove":
            del parent[last]
        else:
            parent[last] = operation["value"]


class Checker:

    def __init__(self, documents):
        self.docs = [d for d in documents if d]
        self.errors = []
        self.notes = []

    def error(self, obj, message):
        self.errors.append(f"{ident(obj)}: {message}" if obj else message)

    # ------------------------------------------------------------------ lookups

    def of_kind(self, *kinds):
        return [d for d in self.docs if d.get("kind") in kinds]

    def find(self, kind, name):
        for d in self.docs:
            if d.get("kind") == kind and d.get("metadata", {}).get("name") == name:
                return d
        return None

    def workloads(self):
        return self.of_kind(*WORKLOAD_KINDS)

    # ------------------------------------------------------------------ checks

    def run(self):
        self.check_identity()
        for w in self.workloads():
            self.check_workload(w)
        self.check_services()
        self.check_ingress()
        self.check_autoscalers()
        self.check_disruption_budgets()
        self.check_urls()
        self.check_single_lucene_writer()
        return self.errors

    def check_identity(self):
        seen = set()
        for d in self.docs:
            for field in ("apiVersion", "kind"):
                if not d.get(field):
                    self.error(d, f"has no {field}")
            meta = d.get("metadata") or {}
            if not meta.get("name"):
                self.error(d, "has no metadata.name")
            if d.get("kind") not in CLUSTER_SCOPED and meta.get("namespace") != NAMESPACE:
                self.error(d, f"is in namespace {meta.get('namespace')!r}, expected {NAMESPACE!r}")
            key = (d.get("kind"), meta.get("namespace"), meta.get("name"))
            if key in seen:
                self.error(d, "is defined twice")
            seen.add(key)

    def check_workload(self, w):
        spec = w.get("spec", {})
        template = spec.get("template", {})
        labels = template.get("metadata", {}).get("labels", {})
        selector = spec.get("selector", {}).get("matchLabels", {})
        if not selector:
            self.error(w, "has no selector.matchLabels")
        for key, value in selector.items():
            if labels.get(key) != value:
                self.error(w, f"selector {key}={value} does not match the pod template labels")
        pod = template.get("spec", {})
        volumes = {v.get("name"): v for v in pod.get("volumes", [])}
        claim_templates = {t["metadata"]["name"] for t in spec.get("volumeClaimTemplates", [])}
        mounted = set()
        name = w["metadata"]["name"]
        is_noterag = name in NOTERAG_SERVICES
        for c in pod.get("containers", []):
            if not c.get("image"):
                self.error(w, f"container {c.get('name')} has no image")
            resources = c.get("resources", {})
            for part in ("requests", "limits"):
                for res in ("cpu", "memory"):
                    if res not in resources.get(part, {}):
                        self.error(w, f"container {c.get('name')} has no {part}.{res}")
            ports = {p.get("name"): p.get("containerPort") for p in c.get("ports", [])}
            for probe_name in ("startupProbe", "readinessProbe", "livenessProbe"):
                probe = c.get(probe_name)
                if not probe:
                    if probe_name != "startupProbe" or is_noterag:
                        self.error(w, f"container {c.get('name')} has no {probe_name}")
                    continue
                http = probe.get("httpGet")
                if http:
                    port = http.get("port")
                    if isinstance(port, str) and port not in ports:
                        self.error(w, f"{probe_name} uses port {port!r}, not a declared port name")
                    if isinstance(port, int) and port not in ports.values():
                        self.error(w, f"{probe_name} uses port {port}, not a declared port")
                if is_noterag:
                    expected = {"readinessProbe": "/actuator/health/readiness",
                                "livenessProbe": "/actuator/health/liveness",
                                "startupProbe": "/actuator/health/liveness"}[probe_name]
                    if not http or http.get("path") != expected:
                        self.error(w, f"{probe_name} should GET {expected}")
            for mount in c.get("volumeMounts", []):
                mounted.add(mount.get("name"))
                if mount.get("name") not in volumes and mount.get("name") not in claim_templates:
                    self.error(w, f"mounts volume {mount.get('name')!r}, which is not declared")
            for source in c.get("envFrom", []):
                if "configMapRef" in source:
                    self.require("ConfigMap", source["configMapRef"]["name"], w)
                if "secretRef" in source:
                    self.require("Secret", source["secretRef"]["name"], w)
            for env in c.get("env", []):
                ref = env.get("valueFrom", {})
                if "secretKeyRef" in ref:
                    self.require("Secret", ref["secretKeyRef"]["name"], w, ref["secretKeyRef"].get("key"))
                if "configMapKeyRef" in ref:
                    self.require("ConfigMap", ref["configMapKeyRef"]["name"], w, ref["configMapKeyRef"].get("key"))
        for vname, volume in volumes.items():
            if vname not in mounted:
                self.error(w, f"declares volume {vname!r} but no container mounts it")
            if "persistentVolumeClaim" in volume:
                self.require("PersistentVolumeClaim", volume["persistentVolumeClaim"]["claimName"], w)
            if "configMap" in volume:
                self.require("ConfigMap", volume["configMap"]["name"], w)
            if "secret" in volume:
                self.require("Secret", volume["secret"]["secretName"], w)

    def require(self, kind, name, user, key=None):
        obj = self.find(kind, name)
        if obj is None:
            if kind == "Secret" and name in EXTERNAL_SECRETS:
                note = f"Secret {name} is not in this overlay: create it before applying"
                if note not in self.notes:
                    self.notes.append(note)
                return
            self.error(user, f"refers to {kind} {name!r}, which does not exist")
            return
        if key is not None:
            data = dict(obj.get("data") or {})
            data.update(obj.get("stringData") or {})
            if key not in data:
                self.error(user, f"refers to key {key!r} of {kind} {name!r}, which has no such key")

    def pods_selected_by(self, selector):
        selected = []
        for w in self.workloads():
            labels = w["spec"]["template"].get("metadata", {}).get("labels", {})
            if selector and all(labels.get(k) == v for k, v in selector.items()):
                selected.append(w)
        return selected

    def check_services(self):
        for s in self.of_kind("Service"):
            selector = s.get("spec", {}).get("selector", {})
            targets = self.pods_selected_by(selector)
            if not targets:
                self.error(s, f"selector {selector} matches no workload")
                continue
            for port in s["spec"].get("ports", []):
                target = port.get("targetPort", port.get("port"))
                for w in targets:
                    declared = {}
                    for c in w["spec"]["template"]["spec"]["containers"]:
                        for p in c.get("ports", []):
                            declared[p.get("name")] = p.get("containerPort")
                    if isinstance(target, str) and target not in declared:
                        self.error(s, f"targetPort {target!r} is not a port name of {ident(w)}")
                    if isinstance(target, int) and target not in declared.values():
                        self.error(s, f"targetPort {target} is not a port of {ident(w)}")

    def service_port(self, name, port):
        """Whether Service `name` exposes `port` (a number or a port name)."""
        s = self.find("Service", name)
        if s is None:
            return False
        for p in s["spec"].get("ports", []):
            if port in (p.get("port"), p.get("name")):
                return True
        return False

    def check_ingress(self):
        for ing in self.of_kind("Ingress"):
            for rule in ing.get("spec", {}).get("rules", []):
                for path in rule.get("http", {}).get("paths", []):
                    backend = path.get("backend", {}).get("service", {})
                    port = backend.get("port", {})
                    port = port.get("name", port.get("number"))
                    if not self.service_port(backend.get("name"), port):
                        self.error(ing, f"backend {backend.get('name')}:{port} is not a Service port")
                    if backend.get("name") != "api-gateway":
                        self.error(ing, "only the api-gateway may be exposed")

    def check_autoscalers(self):
        for hpa in self.of_kind("HorizontalPodAutoscaler"):
            spec = hpa.get("spec", {})
            ref = spec.get("scaleTargetRef", {})
            target = self.find(ref.get("kind"), ref.get("name"))
            if target is None:
                self.error(hpa, f"scales {ref.get('kind')} {ref.get('name')!r}, which does not exist")
                continue
            low, high = spec.get("minReplicas", 1), spec.get("maxReplicas", 0)
            if low > high:
                self.error(hpa, f"minReplicas {low} > maxReplicas {high}")
            replicas = target.get("spec", {}).get("replicas", 1)
            if not low <= replicas <= high:
                self.error(hpa, f"{ident(target)} starts with {replicas} replicas, outside {low}..{high}")
            if target["metadata"]["name"] == "indexing-worker":
                self.error(hpa, "the indexing-worker must not be autoscaled (single Lucene writer)")

    def check_disruption_budgets(self):
        for pdb in self.of_kind("PodDisruptionBudget"):
            selector = pdb.get("spec", {}).get("selector", {}).get("matchLabels", {})
            targets = self.pods_selected_by(selector)
            if not targets:
                self.error(pdb, f"selector {selector} matches no workload")
            for w in targets:
                minimum = pdb["spec"].get("minAvailable")
                if isinstance(minimum, int) and w["spec"].get("replicas", 1) <= minimum:
                    self.error(pdb, f"minAvailable {minimum} blocks every eviction of {ident(w)}")

    def configured_values(self):
        """Every (key, value, owner) the services see: the ConfigMaps and env values."""
        values = []
        for cm in self.of_kind("ConfigMap"):
            for key, value in (cm.get("data") or {}).items():
                values.append((key, str(value), cm))
        for w in self.workloads():
            for c in w["spec"]["template"]["spec"]["containers"]:
                for env in c.get("env", []):
                    if "value" in env:
                        values.append((env["name"], str(env["value"]), w))
        return values

    def check_host(self, owner, key, host, port):
        if "." in host:
            return  # an external server, e.g. a managed database
        if not self.service_port(host, port):
            self.error(owner, f"{key} points at {host}:{port}, which is not a Service port of this overlay")

    def check_urls(self):
        values = self.configured_values()
        settings = {k: v for k, v, _ in values}
        for key, value, owner in values:
            if URL_KEYS.match(key):
                for url in value.split(","):
                    m = re.match(r"^https?://([^/:]+):(\d+)", url.strip())
                    if not m:
                        self.error(owner, f"{key}={url!r} is not http(s)://host:port")
                        continue
                    self.check_host(owner, key, m.group(1), int(m.group(2)))
            if key == "SPRING_DATASOURCE_URL":
                m = re.match(r"^jdbc:postgresql://([^/:]+):(\d+)/", value)
                if not m:
                    self.error(owner, f"{key}={value!r} is not jdbc:postgresql://host:port/db")
                else:
                    self.check_host(owner, key, m.group(1), int(m.group(2)))
            for prefix in ("SPRING_DATA_REDIS", "SPRING_RABBITMQ"):
                if key == prefix + "_HOST":
                    self.check_host(owner, key, value, int(settings.get(prefix + "_PORT", 0)))

    def check_single_lucene_writer(self):
        writers, readers, index_claims = [], [], set()
        for w in self.of_kind("Deployment", "StatefulSet"):
            for c in w["spec"]["template"]["spec"]["containers"]:
                env = {e["name"]: e.get("value") for e in c.get("env", [])}
                if env.get("NOTERAG_VECTOR_STORE_LUCENE_MODE") == "reader":
                    readers.append(w)
                if env.get("NOTERAG_VECTOR_STORE_LUCENE_MODE") == "writer":
                    writers.append(w)
                    volumes = {v["name"]: v for v in w["spec"]["template"]["spec"].get("volumes", [])}
                    for m in c.get("volumeMounts", []):
                        if m.get("mountPath") == env.get("NOTERAG_VECTOR_STORE_LUCENE_PATH"):
                            claim = volumes.get(m["name"], {}).get("persistentVolumeClaim", {})
                            index_claims.add(claim.get("claimName"))
        if readers and not writers:
            self.error(None, "the Lucene index has readers (" + ", ".join(ident(w) for w in readers)
                       + ") but no writer")
        if len(writers) > 1:
            self.error(None, "more than one workload writes the Lucene index: "
                       + ", ".join(ident(w) for w in writers))
        for w in writers:
            if w["spec"].get("replicas", 1) != 1:
                self.error(w, "writes the Lucene index and must run exactly one replica")
            if w["kind"] == "Deployment" and w["spec"].get("strategy", {}).get("type") != "Recreate":
                self.error(w, "writes the Lucene index and must use the Recreate strategy")
        for w in self.workloads():
            if w in writers:
                continue
            pod = w["spec"]["template"]["spec"]
            volumes = {v["name"]: v for v in pod.get("volumes", [])}
            for c in pod.get("containers", []):
                for m in c.get("volumeMounts", []):
                    claim = volumes.get(m["name"], {}).get("persistentVolumeClaim", {})
                    if claim.get("claimName") in index_claims and not m.get("readOnly"):
                        self.error(w, f"mounts the Lucene index {claim.get('claimName')} read-write")


def ident(obj):
    if not obj:
        return "?"
    return f"{obj.get('kind')}/{(obj.get('metadata') or {}).get('name')}"


def check(label, text):
    try:
        documents = list(yaml.safe_load_all(text))
    except yaml.YAMLError as ex:
        print(f"FAIL {label}: not YAML: {ex}")
        return False
    checker = Checker(documents)
    errors = checker.run()
    kinds = {}
    for d in checker.docs:
        kinds[d.get("kind")] = kinds.get(d.get("kind"), 0) + 1
    summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    if errors:
        print(f"FAIL {label} ({summary})")
        for e in errors:
            print(f"  - {e}")
    else:
        print(f"OK   {label} ({summary})")
    for note in checker.notes:
        print(f"  note: {note}")
    return not errors


def normalised(text):
    """Objects keyed by kind and name, with generated name suffixes removed."""
    suffix = re.compile(r"^(noterag-secrets|postgres-init)-[a-z0-9]{10}$")

    def strip(node):
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items()}
        if isinstance(node, list):
            return [strip(v) for v in node]
        if isinstance(node, str) and suffix.match(node):
            return suffix.match(node).group(1)
        return node

    documents = [strip(d) for d in yaml.safe_load_all(text) if d]
    return {(d["kind"], d["metadata"]["name"]): d for d in documents}


def compare(target):
    tool, problem = render_with_tool(target)
    if tool is None:
        print(f"SKIP {os.path.relpath(target)}: {problem or 'neither kubectl nor kustomize is installed'}")
        return True
    mine, problem = render_builtin(target)
    if mine is None:
        print(f"FAIL {os.path.relpath(target)}: {problem}")
        return False
    expected, actual = normalised(tool), normalised(mine)
    differences = sorted(set(expected) ^ set(actual))
    differences += sorted(k for k in set(expected) & set(actual) if expected[k] != actual[k])
    if differences:
        print(f"FAIL {os.path.relpath(target)}: the built-in resolver differs from kustomize on {differences}")
        return False
    print(f"OK   {os.path.relpath(target)}: the built-in resolver renders what kustomize renders "
          f"({len(expected)} objects)")
    return True


def main(argv):
    builtin = "--builtin" in argv
    comparing = "--compare" in argv
    targets = [a for a in argv if a not in ("--builtin", "--compare")] or DEFAULT_TARGETS
    if comparing:
        targets = [t for t in targets if t != "-"] or DEFAULT_TARGETS
    passed = failed = 0
    for target in targets:
        if comparing:
            ok = compare(target)
        elif target == "-":
            ok = check("stdin", sys.stdin.read())
        else:
            text, problem, renderer = render(target, builtin)
            label = f"{os.path.relpath(target)} [{renderer}]"
            if text is None:
                print(f"FAIL {label}: could not render it:\n  {problem}")
                ok = False
            else:
                ok = check(label, text)
        passed += ok
        failed += not ok
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

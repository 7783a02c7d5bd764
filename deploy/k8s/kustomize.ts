import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { applyPatch, type Operation } from 'fast-json-patch';
import { parse as parseYaml, parseAllDocuments } from 'yaml';

/**
 * Renders a kustomization the way `kubectl kustomize` does, for the part of Kustomize that
 * deploy/k8s uses, so that `npm test` can validate what a cluster would receive on a machine without
 * kubectl. A field it does not implement stops it rather than being ignored: a manifest can only
 * use what the test really checks. `tsx deploy/k8s/kustomize-cli.ts deploy/k8s/overlays/production`
 * prints the result, to compare with `kubectl kustomize` where one exists.
 */

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  resources?: string[];
  images?: { name: string; newName?: string; newTag?: string }[];
  patches?: { target?: { kind?: string; name?: string }; patch?: string; path?: string }[];
}

const SUPPORTED_FIELDS = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'images', 'patches']);

export function renderKustomization(directory: string): KubeObject[] {
  const file = join(directory, 'kustomization.yaml');
  const kustomization = parseYaml(readFileSync(file, 'utf8')) as Kustomization;
  const unsupported = Object.keys(kustomization).filter((field) => !SUPPORTED_FIELDS.has(field));
  if (unsupported.length > 0) throw new Error(`${file}: ${unsupported.join(', ')} not supported by this renderer`);

  let objects = (kustomization.resources ?? []).flatMap((resource) => {
    const path = resolve(directory, resource);
    return statSync(path).isDirectory() ? renderKustomization(path) : readObjects(path);
  });
  for (const [index, entry] of (kustomization.patches ?? []).entries()) {
    objects = applyJsonPatch(objects, entry, directory, `${file} patches[${index}]`);
  }
  for (const image of kustomization.images ?? []) setImage(objects, image);
  if (kustomization.namespace) {
    // Every kind deploy/k8s uses is namespaced.
    for (const object of objects) object.metadata.namespace = kustomization.namespace;
  }
  return objects;
}

function readObjects(path: string): KubeObject[] {
  return parseAllDocuments(readFileSync(path, 'utf8')).map((document) => {
    if (document.errors.length > 0) throw new Error(`${path}: ${document.errors[0].message}`);
    return document.toJS() as KubeObject;
  });
}

function applyJsonPatch(objects: KubeObject[], entry: NonNullable<Kustomization['patches']>[number], directory: string, where: string): KubeObject[] {
  const text = entry.patch ?? (entry.path && readFileSync(join(directory, entry.path), 'utf8'));
  if (!text) throw new Error(`${where}: a patch needs patch or path`);
  const operations = parseYaml(text) as Operation[];
  // A strategic-merge patch (an object, not a list of operations) is not implemented here.
  if (!Array.isArray(operations) || !entry.target) throw new Error(`${where}: only JSON 6902 patches (a list of operations) with a target are supported`);
  const { kind, name } = entry.target;
  const targets = objects.filter((object) => (!kind || object.kind === kind) && (!name || object.metadata.name === name));
  // Kustomize fails on a patch that matches nothing; so does this, or a renamed resource would go unpatched.
  if (targets.length === 0) throw new Error(`${where}: no resource matches target ${JSON.stringify(entry.target)}`);
  return objects.map((object) => (targets.includes(object) ? (applyPatch(object, operations, true, false).newDocument as KubeObject) : object));
}

function setImage(objects: KubeObject[], image: NonNullable<Kustomization['images']>[number]): void {
  for (const object of objects) {
    const pod = (object.spec as { template?: { spec?: { containers?: { image?: string }[] } } } | undefined)?.template?.spec;
    for (const container of pod?.containers ?? []) {
      const [name, tag] = splitImage(container.image ?? '');
      if (name === image.name) container.image = `${image.newName ?? name}${image.newTag ? `:${image.newTag}` : tag ? `:${tag}` : ''}`;
    }
  }
}

/** `registry:5000/app:1.2` -> [`registry:5000/app`, `1.2`]: the tag follows the last colon after the last slash. */
export function splitImage(image: string): [string, string | undefined] {
  const colon = image.lastIndexOf(':');
  return colon > image.lastIndexOf('/') ? [image.slice(0, colon), image.slice(colon + 1)] : [image, undefined];
}

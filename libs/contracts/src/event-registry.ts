import type { EventDefinition } from './define-event';

/** Raised when a payload does not satisfy its own schema on the publishing side: a bug. */
export class ContractViolationError extends Error {
  constructor(
    readonly eventType: string,
    readonly version: number,
    readonly issues: string,
  ) {
    super(`${eventType} v${version} violates its contract: ${issues}`);
    this.name = 'ContractViolationError';
  }
}

/** The set of event definitions a service knows, looked up by type and version. */
export class EventRegistry {
  private readonly byTypeAndVersion = new Map<string, EventDefinition>();
  private readonly producerByType = new Map<string, string>();

  constructor(definitions: readonly EventDefinition[]) {
    for (const definition of definitions) {
      const id = `${definition.type}@${definition.version}`;
      if (this.byTypeAndVersion.has(id)) {
        throw new Error(`event ${id} is defined twice`);
      }
      const producer = this.producerByType.get(definition.type);
      if (producer !== undefined && producer !== definition.producer) {
        throw new Error(`event ${definition.type} has two producers: ${producer} and ${definition.producer}`);
      }
      this.byTypeAndVersion.set(id, definition);
      this.producerByType.set(definition.type, definition.producer);
    }
  }

  get definitions(): EventDefinition[] {
    return [...this.byTypeAndVersion.values()];
  }

  knowsType(type: string): boolean {
    return this.producerByType.has(type);
  }

  find(type: string, version: number): EventDefinition | undefined {
    return this.byTypeAndVersion.get(`${type}@${version}`);
  }

  versionsOf(type: string): number[] {
    return this.definitions
      .filter((d) => d.type === type)
      .map((d) => d.version)
      .sort((a, b) => a - b);
  }

  /** Parses a payload on the publishing side; throws on violation so the bug surfaces before commit. */
  parseForPublish<D extends EventDefinition>(definition: D, payload: unknown): unknown {
    const result = definition.schema.safeParse(payload);
    if (!result.success) {
      throw new ContractViolationError(definition.type, definition.version, formatIssues(result.error.issues));
    }
    return result.data;
  }
}

export function formatIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.length ? i.path.map(String).join('.') : '(root)'}: ${i.message}`).join('; ');
}

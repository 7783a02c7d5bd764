import type { ServiceConsumption } from './asyncapi';
import type { EventDefinition } from './define-event';
import { topicOf } from './topics';

/**
 * Who consumes what, as a Markdown table: one row per contract version some service handles, its
 * owner's topic, and each handler (service and `Class.method`) that acts on it. Generated from the
 * handlers' @HandleEvent metadata into ARCHITECTURE.md, so it cannot drift from the code.
 */
export function consumerTable(consumers: readonly ServiceConsumption[]): string {
  const rows = new Map<string, { definition: EventDefinition; handlers: string[] }>();
  for (const { service, handlers } of consumers) {
    for (const handler of handlers) {
      for (const definition of handler.handles) {
        const id = `${definition.type} v${definition.version}`;
        const row = rows.get(id) ?? { definition, handlers: [] };
        row.handlers.push(`${service}: \`${handler.name}\``);
        rows.set(id, row);
      }
    }
  }
  const lines = ['| message | kind | owner, topic | handled by |', '| --- | --- | --- | --- |'];
  for (const [id, { definition, handlers }] of [...rows].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`| \`${id}\` | ${definition.kind ?? 'event'} | ${definition.producer}, \`${topicOf(definition)}\` | ${[...handlers].sort().join('<br>')} |`);
  }
  return `${lines.join('\n')}\n`;
}

import { allowedSenders, type EventDefinition } from './define-event';
import { commandsTopic, deadLetterTopic, eventsTopic, topicOf } from './topics';

/**
 * Who talks to Kafka, each as its own principal: the five services, and the company's three
 * systems that are clients of the platform.
 */
export const KAFKA_PRINCIPALS = ['gateway', 'order', 'billing', 'provisioning', 'notification', 'crm', 'inventory', 'finance'] as const;

export type KafkaPrincipalName = (typeof KAFKA_PRINCIPALS)[number];

/** The company's systems: they run their own consumers, so they get a group prefix rather than one group. */
const SYSTEMS: readonly KafkaPrincipalName[] = ['crm', 'inventory', 'finance'];

/**
 * What each one reads, by the owner of the topic. A service reads where the messages its
 * @HandleEvent methods take travel (test/services/service-boot checks this against what each
 * running service subscribes to); a system reads the topic its answers come on (the order service
 * answers the CRM's rental requests, provisioning the inventory's changes, billing finance's
 * transfers). Written out rather than derived, so that a new handler on another producer's topic
 * is a visible change to the cluster's permissions, not a silent one.
 */
const READS: Readonly<Record<KafkaPrincipalName, { events: readonly string[]; commands: readonly string[] }>> = {
  gateway: { events: ['order', 'provisioning', 'billing', 'crm'], commands: [] },
  order: { events: ['provisioning', 'billing', 'crm'], commands: ['order'] },
  billing: { events: ['order', 'crm', 'finance'], commands: ['billing'] },
  provisioning: { events: ['order', 'inventory'], commands: [] },
  notification: { events: ['order', 'provisioning', 'billing', 'crm'], commands: [] },
  crm: { events: ['order'], commands: [] },
  inventory: { events: ['provisioning'], commands: [] },
  finance: { events: ['billing'], commands: [] },
};

export interface KafkaAccess {
  name: KafkaPrincipalName;
  /** Its SASL username, so its principal is User:<username>: the topic prefix and the name, so environments sharing a cluster never share a principal. */
  username: string;
  /** Topics it may write, and nothing else: its own facts, its own dead letters, the commands its contracts let it send. */
  writes: string[];
  /** Topics it may read. */
  reads: string[];
  /** Consumer groups it may use: a service its one group, a system every group under its own prefix. */
  groups: { name: string; pattern: 'literal' | 'prefixed' }[];
}

/** The topics a principal writes: derived from the contracts, so a new command's senders are granted with it. */
export function writableTopics(name: string, definitions: readonly EventDefinition[], prefix = ''): string[] {
  const commands = definitions.filter((d) => d.kind === 'command' && allowedSenders(d).includes(name)).map((d) => topicOf(d, prefix));
  return [...new Set([eventsTopic(name, prefix), deadLetterTopic(name, prefix), ...commands])];
}

/** Least privilege for every principal, under one topic prefix (KAFKA_TOPIC_PREFIX). */
export function kafkaAccessPlan(definitions: readonly EventDefinition[], prefix = ''): KafkaAccess[] {
  return KAFKA_PRINCIPALS.map((name) => {
    const group = `${prefix}rental.${name}`;
    return {
      name,
      username: `${prefix}${name}`,
      writes: writableTopics(name, definitions, prefix),
      reads: [...READS[name].events.map((owner) => eventsTopic(owner, prefix)), ...READS[name].commands.map((owner) => commandsTopic(owner, prefix))],
      groups: SYSTEMS.includes(name)
        ? [
            { name: group, pattern: 'literal' },
            { name: `${group}.`, pattern: 'prefixed' },
          ]
        : [{ name: group, pattern: 'literal' }],
    };
  });
}

/** Every topic the plan names: what an operator creates before the services start. */
export function plannedTopics(plan: readonly KafkaAccess[]): string[] {
  return [...new Set(plan.flatMap((access) => [...access.writes, ...access.reads]))].sort();
}

import { consumerGroupId } from '@rental/messaging';
import type { Kafka } from 'kafkajs';
import { Client } from 'pg';

export interface PartitionLag {
  group: string;
  topic: string;
  partition: number;
  /** The group's committed offset; null before its first commit (it then starts at the beginning). */
  committed: string | null;
  end: string;
  lag: number;
}

/** One service database's backlog of work that should be moving: each figure is null where the database has no such table. */
export interface ServiceBacklog {
  service: string;
  outbox: { unpublished: number; oldestAgeSeconds: number | null };
  timers: { overdue: number; oldestOverdueSeconds: number | null } | null;
  provisioningJobs: { waiting: number; stuck: number; oldestWaitingSeconds: number | null } | null;
  mailDeliveries: { waiting: number; overdue: number; oldestWaitingSeconds: number | null } | null;
}

export interface PlatformStatus {
  lag: PartitionLag[];
  backlogs: ServiceBacklog[];
}

/**
 * Per service consumer group and topic-partition, how far the group is behind the end of the
 * topic: the committed offsets against the topics' ends, both read through the admin API (reading
 * them moves nothing). Only topics the group has committed to or reads from are shown.
 */
export async function consumerLag(kafka: Kafka, services: readonly string[], topicPrefix: string): Promise<PartitionLag[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const ends = new Map<string, { partition: number; high: string; low: string }[]>();
    const endsOf = async (topic: string) => {
      if (!ends.has(topic)) ends.set(topic, await admin.fetchTopicOffsets(topic));
      return ends.get(topic)!;
    };
    const lag: PartitionLag[] = [];
    for (const service of services) {
      const group = consumerGroupId({ service, topicPrefix });
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId: group })) {
        if (!existing.has(topic)) continue;
        for (const end of await endsOf(topic)) {
          const offset = partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
          const committed = Number(offset) < 0 ? null : offset;
          lag.push({ group, topic, partition: end.partition, committed, end: end.high, lag: Number(end.high) - Number(committed ?? end.low) });
        }
      }
    }
    return lag.sort((a, b) => a.group.localeCompare(b.group) || a.topic.localeCompare(b.topic) || a.partition - b.partition);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Read-only questions to one service's database. Each table belongs to a lib or to the service
 * (messaging_outbox: libs/messaging; durable_timer: libs/timers; machines: provisioning;
 * notification_delivery: notification) and is asked about only where it exists.
 */
export async function serviceBacklog(service: string, databaseUrl: string): Promise<ServiceBacklog> {
  const db = new Client({ connectionString: databaseUrl, application_name: 'rental-ops' });
  await db.connect();
  try {
    await db.query('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
    const has = async (table: string) => (await db.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [table])).rows[0].present as boolean;
    const one = async (sql: string) => (await db.query(sql)).rows[0] as Record<string, number | null>;
    const outbox = await one(`SELECT count(*)::int AS n, extract(epoch FROM now() - min(created_at))::float AS age
                                FROM messaging_outbox WHERE published_at IS NULL`);
    const timers = (await has('durable_timer'))
      ? await one(`SELECT count(*)::int AS n, extract(epoch FROM now() - min(due_at))::float AS age
                     FROM durable_timer WHERE fired_at IS NULL AND due_at < now()`)
      : null;
    // The job runner's own claim condition (MachineRepository.claim): a job is waiting when it is due
    // and nobody holds it; stuck when a runner's lease ran out before the job moved on.
    const jobs = (await has('machines'))
      ? await one(`WITH pending AS (
                     SELECT * FROM machines
                      WHERE (status IN ('requested', 'allocating', 'installing', 'booting') AND deprovision_reason IS NULL)
                         OR (deprovision_reason IS NOT NULL AND status <> 'deprovisioned'))
                   SELECT count(*) FILTER (WHERE (next_attempt_at IS NULL OR next_attempt_at <= now()) AND lease_owner IS NULL)::int AS waiting,
                          count(*) FILTER (WHERE lease_owner IS NOT NULL AND leased_until < now())::int AS stuck,
                          extract(epoch FROM now() - min(requested_at))::float AS age
                     FROM pending`)
      : null;
    const mail = (await has('notification_delivery'))
      ? await one(`SELECT count(*)::int AS waiting, count(*) FILTER (WHERE next_attempt_at < now())::int AS overdue,
                          extract(epoch FROM now() - min(created_at))::float AS age
                     FROM notification_delivery WHERE status = 'pending'`)
      : null;
    const seconds = (value: number | null) => (value === null ? null : Math.max(0, Math.round(value)));
    return {
      service,
      outbox: { unpublished: outbox.n!, oldestAgeSeconds: seconds(outbox.age) },
      timers: timers && { overdue: timers.n!, oldestOverdueSeconds: seconds(timers.age) },
      provisioningJobs: jobs && { waiting: jobs.waiting!, stuck: jobs.stuck!, oldestWaitingSeconds: seconds(jobs.age) },
      mailDeliveries: mail && { waiting: mail.waiting!, overdue: mail.overdue!, oldestWaitingSeconds: seconds(mail.age) },
    };
  } finally {
    await db.end();
  }
}

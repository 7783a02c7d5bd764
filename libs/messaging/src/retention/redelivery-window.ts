/**
 * How long a topic keeps an event: the broker's log.retention.hours, which the platform's topics
 * inherit (deploy/local/local-kafka.ts and docker-compose.yml leave Kafka's default of 7 days).
 * Until then a consumer group reset (or a lost offset commit) can deliver the event again.
 */
export const KAFKA_TOPIC_RETENTION_HOURS = 168;

/** The inbox must remember an event longer than its topic can redeliver it: a day of margin on the topic's retention. */
export const MIN_INBOX_RETENTION_DAYS = Math.ceil(KAFKA_TOPIC_RETENTION_HOURS / 24) + 1;

import { type KafkaAccess, plannedTopics } from '@rental/contracts';
import { type AclEntry, AclOperationTypes, AclPermissionTypes, AclResourceTypes, type Admin, ResourcePatternTypes } from 'kafkajs';
import { ensureTopics } from './topic-admin';

/**
 * One principal's grants as Kafka ACLs. READ and WRITE imply DESCRIBE, which producers and
 * consumers need for metadata. No CREATE: the operator creates the topics (applyKafkaAccessPlan),
 * so a service can neither create a topic nor guess one into existence. No IDEMPOTENT_WRITE on the
 * cluster: since Kafka 2.8 (KIP-679) an idempotent producer needs only WRITE on some topic.
 */
export function kafkaAcls(access: KafkaAccess): AclEntry[] {
  const principal = `User:${access.username}`;
  const allow = { principal, host: '*', permissionType: AclPermissionTypes.ALLOW };
  const topic = (name: string, operation: AclOperationTypes): AclEntry => ({
    ...allow,
    resourceType: AclResourceTypes.TOPIC,
    resourceName: name,
    resourcePatternType: ResourcePatternTypes.LITERAL,
    operation,
  });
  return [
    ...access.writes.map((name) => topic(name, AclOperationTypes.WRITE)),
    ...access.reads.map((name) => topic(name, AclOperationTypes.READ)),
    ...access.groups.map((group): AclEntry => ({
      ...allow,
      resourceType: AclResourceTypes.GROUP,
      resourceName: group.name,
      resourcePatternType: group.pattern === 'prefixed' ? ResourcePatternTypes.PREFIXED : ResourcePatternTypes.LITERAL,
      operation: AclOperationTypes.READ,
    })),
  ];
}

/**
 * Applies the plan with an administrator's client: creates every topic it names, then grants
 * every principal its ACLs. Idempotent: a topic or ACL that exists is left as it is. It only adds;
 * an ACL the plan no longer names stays until an operator removes it (see the README).
 */
export async function applyKafkaAccessPlan(admin: Admin, plan: readonly KafkaAccess[], partitions: number): Promise<{ topics: number; acls: number }> {
  const topics = plannedTopics(plan);
  await ensureTopics(admin, topics, partitions);
  const acl = plan.flatMap(kafkaAcls);
  await admin.createAcls({ acl });
  return { topics: topics.length, acls: acl.length };
}

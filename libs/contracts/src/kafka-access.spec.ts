import { z } from 'zod';
import { platformEvents } from './catalogue';
import { defineEvent } from './define-event';
import { kafkaAccessPlan, plannedTopics, writableTopics } from './kafka-access';

const plan = kafkaAccessPlan(platformEvents);
const of = (name: string) => plan.find((a) => a.name === name)!;

describe('the Kafka access plan', () => {
  it('has one principal per service and per company system', () => {
    expect(plan.map((a) => a.username)).toEqual(['gateway', 'order', 'billing', 'provisioning', 'notification', 'crm', 'inventory', 'finance']);
  });

  it('lets each write only its own facts and dead letters, and the gateway the commands it sends', () => {
    expect(of('gateway').writes.sort()).toEqual(
      ['rental.gateway.events.v1', 'rental.gateway.dlq.v1', 'rental.order.commands.v1', 'rental.billing.commands.v1'].sort(),
    );
    for (const name of ['order', 'billing', 'provisioning', 'notification', 'crm', 'inventory', 'finance']) {
      expect(of(name).writes).toEqual([`rental.${name}.events.v1`, `rental.${name}.dlq.v1`]);
    }
  });

  it('gives every events topic exactly one writer, its owner, and each command topic only its senders', () => {
    const writers = new Map<string, string[]>();
    for (const access of plan) for (const topic of access.writes) writers.set(topic, [...(writers.get(topic) ?? []), access.name]);
    for (const [topic, names] of writers) {
      const owner = /^rental\.([a-z]+)\.(events|dlq)\.v1$/.exec(topic)?.[1];
      expect({ topic, names }).toEqual({ topic, names: owner !== undefined ? [owner] : ['gateway'] });
    }
  });

  it('lets each read only what it consumes', () => {
    expect(of('provisioning').reads).toEqual(['rental.order.events.v1', 'rental.inventory.events.v1']);
    expect(of('order').reads).toEqual(['rental.provisioning.events.v1', 'rental.billing.events.v1', 'rental.crm.events.v1', 'rental.order.commands.v1']);
    expect(of('billing').reads).toContain('rental.billing.commands.v1');
    // The machines' passwords travel on provisioning's topic: the CRM and finance never see it.
    for (const name of ['crm', 'finance', 'billing']) expect(of(name).reads).not.toContain('rental.provisioning.events.v1');
    expect(of('crm').reads).toEqual(['rental.order.events.v1']);
    expect(of('finance').reads).toEqual(['rental.billing.events.v1']);
  });

  it('names one group per service, and a group prefix per company system', () => {
    expect(of('order').groups).toEqual([{ name: 'rental.order', pattern: 'literal' }]);
    expect(of('crm').groups).toEqual([
      { name: 'rental.crm', pattern: 'literal' },
      { name: 'rental.crm.', pattern: 'prefixed' },
    ]);
  });

  it('puts the topic prefix on every topic, group and principal', () => {
    const prefixed = kafkaAccessPlan(platformEvents, 'staging.');
    expect(prefixed.find((a) => a.name === 'gateway')).toMatchObject({
      username: 'staging.gateway',
      groups: [{ name: 'staging.rental.gateway', pattern: 'literal' }],
    });
    const names = prefixed.flatMap((a) => [...a.writes, ...a.reads, ...a.groups.map((g) => g.name)]);
    expect(names.filter((n) => !n.startsWith('staging.rental.'))).toEqual([]);
  });

  it('grants a new command to exactly the senders its contract names', () => {
    const refund = defineEvent({
      type: 'refund.force',
      version: 1,
      producer: 'billing',
      kind: 'command',
      senders: ['crm', 'gateway'],
      key: 'invoice id',
      description: 'test only',
      schema: z.object({}),
    });
    expect(writableTopics('crm', [...platformEvents, refund])).toEqual(['rental.crm.events.v1', 'rental.crm.dlq.v1', 'rental.billing.commands.v1']);
    expect(writableTopics('finance', [...platformEvents, refund])).toEqual(['rental.finance.events.v1', 'rental.finance.dlq.v1']);
  });

  it('lists every topic it names once, for the operator to create', () => {
    const topics = plannedTopics(plan);
    expect(new Set(topics).size).toBe(topics.length);
    expect(topics).toEqual(expect.arrayContaining(['rental.crm.events.v1', 'rental.notification.dlq.v1', 'rental.order.commands.v1']));
    expect(topics).toHaveLength(8 * 2 + 2);
  });
});

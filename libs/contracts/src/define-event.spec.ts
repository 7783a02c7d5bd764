import { z } from 'zod';
import { defineEvent } from './define-event';
import { deadLetterTopic, eventsTopic } from './topics';

const base = {
  version: 1,
  producer: 'order',
  key: 'order id',
  description: 'An order was placed.',
  schema: z.object({ orderId: z.string() }),
};

describe('defineEvent', () => {
  it.each(['order.placed', 'order-line.item-added', 'server.provisioned.v2x', 'a.b'])('accepts the type name %s', (type) => {
    const definition = defineEvent({ ...base, type });
    expect(definition.type).toBe(type);
    expect(definition.version).toBe(1);
    expect(definition.schema).toBe(base.schema);
  });

  it.each(['OrderPlaced', 'order', 'Order.placed', 'order.Placed', 'order..placed', '.placed', 'order.', '1order.placed', 'order_x.placed', ''])(
    'rejects the type name "%s"',
    (type) => {
      expect(() => defineEvent({ ...base, type })).toThrow(`event type "${type}" must look like`);
    },
  );

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects the version %s', (version) => {
    expect(() => defineEvent({ ...base, type: 'order.placed', version })).toThrow('event order.placed: version must be a positive integer');
  });

  it('accepts versions above 1', () => {
    expect(defineEvent({ ...base, type: 'order.placed', version: 7 }).version).toBe(7);
  });

  it('returns a frozen copy, not the object it was given', () => {
    const input = { ...base, type: 'order.placed' };
    const definition = defineEvent(input);
    expect(definition).not.toBe(input);
    expect(definition).toEqual(input);
    expect(Object.isFrozen(definition)).toBe(true);
  });
});

describe('topics', () => {
  it('names a producer events topic without a prefix', () => {
    expect(eventsTopic('order')).toBe('rental.order.events.v1');
  });

  it('names a producer events topic with a prefix', () => {
    expect(eventsTopic('billing', 'run-42.')).toBe('run-42.rental.billing.events.v1');
  });

  it('names a consumer dead-letter topic without a prefix', () => {
    expect(deadLetterTopic('notification')).toBe('rental.notification.dlq.v1');
  });

  it('names a consumer dead-letter topic with a prefix', () => {
    expect(deadLetterTopic('provisioning', 't1-')).toBe('t1-rental.provisioning.dlq.v1');
  });

  it('keeps events and dead-letter topics of the same name apart', () => {
    expect(eventsTopic('order')).not.toBe(deadLetterTopic('order'));
  });
});

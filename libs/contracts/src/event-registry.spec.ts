import { z } from 'zod';
import { defineEvent } from './define-event';
import { ContractViolationError, EventRegistry, formatIssues } from './event-registry';

const placedV1 = defineEvent({
  type: 'order.placed',
  version: 1,
  producer: 'order',
  key: 'order id',
  description: 'v1',
  schema: z.object({ orderId: z.string(), quantity: z.number().int().default(1) }),
});
const placedV2 = defineEvent({
  type: 'order.placed',
  version: 2,
  producer: 'order',
  key: 'order id',
  description: 'v2',
  schema: z.object({ orderId: z.string(), customer: z.object({ email: z.email() }) }),
});
const placedV3 = defineEvent({ ...placedV2, version: 3, description: 'v3' });
const invoiceIssued = defineEvent({
  type: 'invoice.issued',
  version: 1,
  producer: 'billing',
  key: 'invoice id',
  description: 'An invoice was issued.',
  schema: z.object({ invoiceId: z.string() }),
});

describe('EventRegistry construction', () => {
  it('rejects the same type@version defined twice', () => {
    const copy = defineEvent({ ...placedV1, description: 'again' });
    expect(() => new EventRegistry([placedV1, copy])).toThrow('event order.placed@1 is defined twice');
  });

  it('rejects two producers for one type, even across versions', () => {
    const stolen = defineEvent({ ...placedV2, producer: 'billing' });
    expect(() => new EventRegistry([placedV1, stolen])).toThrow('event order.placed has two producers: order and billing');
  });

  it('accepts several versions of one type from one producer', () => {
    const registry = new EventRegistry([placedV1, placedV2, invoiceIssued]);
    expect(registry.definitions).toHaveLength(3);
    expect(registry.definitions).toEqual(expect.arrayContaining([placedV1, placedV2, invoiceIssued]));
  });

  it('accepts an empty list', () => {
    const registry = new EventRegistry([]);
    expect(registry.definitions).toEqual([]);
    expect(registry.knowsType('order.placed')).toBe(false);
  });
});

describe('EventRegistry look-ups', () => {
  const registry = new EventRegistry([placedV3, invoiceIssued, placedV1]);

  it('finds a definition by type and version', () => {
    expect(registry.find('order.placed', 1)).toBe(placedV1);
    expect(registry.find('order.placed', 3)).toBe(placedV3);
    expect(registry.find('invoice.issued', 1)).toBe(invoiceIssued);
  });

  it('returns undefined for an unknown version or type', () => {
    expect(registry.find('order.placed', 2)).toBeUndefined();
    expect(registry.find('order.cancelled', 1)).toBeUndefined();
  });

  it('knows a type by any of its versions', () => {
    expect(registry.knowsType('order.placed')).toBe(true);
    expect(registry.knowsType('invoice.issued')).toBe(true);
    expect(registry.knowsType('order.cancelled')).toBe(false);
  });

  it('lists the versions of a type in ascending order', () => {
    expect(registry.versionsOf('order.placed')).toEqual([1, 3]);
    expect(registry.versionsOf('invoice.issued')).toEqual([1]);
    expect(registry.versionsOf('order.cancelled')).toEqual([]);
  });

  it('sorts versions numerically, not as strings', () => {
    const many = new EventRegistry([10, 2, 1].map((version) => defineEvent({ ...placedV1, version })));
    expect(many.versionsOf('order.placed')).toEqual([1, 2, 10]);
  });
});

describe('EventRegistry.parseForPublish', () => {
  const registry = new EventRegistry([placedV1, placedV2]);

  it('returns the parsed data with zod defaults applied', () => {
    expect(registry.parseForPublish(placedV1, { orderId: 'o-1' })).toEqual({ orderId: 'o-1', quantity: 1 });
  });

  it('strips unknown keys as the schema says', () => {
    expect(registry.parseForPublish(placedV1, { orderId: 'o-1', quantity: 3, extra: true })).toEqual({
      orderId: 'o-1',
      quantity: 3,
    });
  });

  it('throws a ContractViolationError naming the type, version and field path', () => {
    let thrown: unknown;
    try {
      registry.parseForPublish(placedV2, { orderId: 'o-1', customer: { email: 'not-an-email' } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ContractViolationError);
    const violation = thrown as ContractViolationError;
    expect(violation.name).toBe('ContractViolationError');
    expect(violation.eventType).toBe('order.placed');
    expect(violation.version).toBe(2);
    expect(violation.issues).toMatch(/^customer\.email: /);
    expect(violation.message).toMatch(/^order\.placed v2 violates its contract: customer\.email: /);
  });

  it('lists every violated field', () => {
    expect(() => registry.parseForPublish(placedV1, { orderId: 5, quantity: 1.5 })).toThrow(/orderId: .*; quantity: /);
  });

  it('names the root when the payload itself is wrong', () => {
    expect(() => registry.parseForPublish(placedV1, 'a string')).toThrow(/violates its contract: \(root\): /);
  });
});

describe('formatIssues', () => {
  it('joins paths with dots and issues with semicolons', () => {
    expect(
      formatIssues([
        { path: ['lines', 0, 'sku'], message: 'Required' },
        { path: [], message: 'Bad' },
      ]),
    ).toBe('lines.0.sku: Required; (root): Bad');
  });
});

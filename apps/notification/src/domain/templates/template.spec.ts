import { z } from 'zod';
import { defineTemplate } from './template';

const greeting = defineTemplate('order-received', z.object({ name: z.string().min(2), secret: z.string().min(12) }), {
  en: (input) => ({ subject: `Hello ${input.name}`, text: 'en', html: '<p>en</p>' }),
  nl: (input) => ({ subject: `Hallo ${input.name}`, text: 'nl', html: '<p>nl</p>' }),
});

describe('defineTemplate', () => {
  it('renders valid input in the language asked for', () => {
    expect(greeting.render('nl', { name: 'Jan', secret: 'long-enough-secret' })).toEqual({
      ok: true,
      value: { subject: 'Hallo Jan', text: 'nl', html: '<p>nl</p>' },
    });
    expect(greeting.render('en', { name: 'Jan', secret: 'long-enough-secret' })).toMatchObject({ value: { subject: 'Hello Jan' } });
  });

  it('refuses invalid input with the kind and every issue by path, without throwing', () => {
    const result = greeting.render('en', { name: 'J', secret: 'short' });
    expect(result).toEqual({
      ok: false,
      error: {
        reason: 'invalid_input',
        kind: 'order-received',
        issues: [
          { path: 'name', message: expect.any(String) },
          { path: 'secret', message: expect.any(String) },
        ],
      },
    });
  });

  it('names the whole input when it is not an object at all', () => {
    const result = greeting.render('en', 'nonsense');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues).toEqual([{ path: '', message: expect.any(String) }]);
  });

  it('never repeats the values it refused', () => {
    const result = greeting.render('en', { name: 'J', secret: 'hunter2' });
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });

  it('keeps the typed renderers for input that was validated elsewhere', () => {
    expect(greeting.languages.en({ name: 'Ann', secret: 'x' }).subject).toBe('Hello Ann');
    expect(greeting.kind).toBe('order-received');
  });
});

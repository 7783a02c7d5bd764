import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('spells objects with sorted keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,{"y":2,"z":1}]},"b":1}');
  });

  it('leaves undefined members out, so an absent optional field equals an undefined one', () => {
    expect(canonicalJson({ quoteId: 'q', sshPublicKey: undefined })).toBe(canonicalJson({ quoteId: 'q' }));
  });

  it('keeps null members, which differ from absent ones', () => {
    expect(canonicalJson({ a: null })).not.toBe(canonicalJson({}));
  });

  it('tells different values apart', () => {
    expect(canonicalJson({ quoteId: 'a' })).not.toBe(canonicalJson({ quoteId: 'b' }));
    expect(canonicalJson(['a', 'b'])).not.toBe(canonicalJson(['b', 'a']));
  });

  it('refuses numbers JSON cannot carry', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/non-finite/);
  });
});

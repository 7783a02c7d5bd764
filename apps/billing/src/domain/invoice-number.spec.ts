import {
  DocumentNumberError,
  formatCreditNoteNumber,
  formatInvoiceNumber,
  formatRefundNumber,
  parseCreditNoteNumber,
  parseInvoiceNumber,
  parseRefundNumber,
  seriesYearOf,
  toCreditNoteNumber,
  toInvoiceNumber,
  toRefundNumber,
} from './invoice-number';

describe('invoice numbers', () => {
  it('formats year and zero-padded sequence', () => {
    expect(formatInvoiceNumber(2026, 42)).toBe('2026-000042');
    expect(formatInvoiceNumber(2026, 1)).toBe('2026-000001');
    expect(formatInvoiceNumber(2026, 999_999)).toBe('2026-999999');
  });

  it.each([0, -1, 1_000_000, 1.5, Number.NaN])('rejects sequence %s', (sequence) => {
    expect(() => formatInvoiceNumber(2026, sequence)).toThrow(DocumentNumberError);
  });

  it.each([999, 10_000, 2026.5])('rejects year %s', (year) => {
    expect(() => formatInvoiceNumber(year, 1)).toThrow('year must be an integer');
  });

  it('parses what it formats', () => {
    expect(parseInvoiceNumber(formatInvoiceNumber(2027, 123_456))).toEqual({ year: 2027, sequence: 123_456 });
  });

  it.each(['2026-42', '2026-0000042', ' 2026-000042', '2026-000042\n', 'CN-2026-000042', '2026-000000', '0999-000001', '2026/000042'])(
    'rejects "%s"',
    (text) => {
      expect(() => parseInvoiceNumber(text)).toThrow(DocumentNumberError);
    },
  );

  it('checks a number read back before branding it', () => {
    expect(toInvoiceNumber('2026-000042')).toBe('2026-000042');
    expect(() => toInvoiceNumber('CN-2026-000042')).toThrow('YYYY-NNNNNN');
  });
});

describe('credit note numbers', () => {
  it('formats with the CN- prefix', () => {
    expect(formatCreditNoteNumber(2026, 7)).toBe('CN-2026-000007');
  });

  it('parses what it formats', () => {
    expect(parseCreditNoteNumber('CN-2026-000007')).toEqual({ year: 2026, sequence: 7 });
  });

  it.each(['2026-000007', 'cn-2026-000007', 'CN-2026-7'])('rejects "%s"', (text) => {
    expect(() => parseCreditNoteNumber(text)).toThrow('CN-YYYY-NNNNNN');
  });

  it('rejects out-of-range sequences', () => {
    expect(() => formatCreditNoteNumber(2026, 0)).toThrow(DocumentNumberError);
    expect(() => toCreditNoteNumber('CN-2026-000000')).toThrow(DocumentNumberError);
  });
});

describe('refund numbers', () => {
  it('formats with the RF- prefix and parses what it formats', () => {
    expect(formatRefundNumber(2026, 3)).toBe('RF-2026-000003');
    expect(parseRefundNumber('RF-2026-000003')).toEqual({ year: 2026, sequence: 3 });
  });

  it.each(['CN-2026-000003', '2026-000003', 'rf-2026-000003', 'RF-2026-3', 'RF-2026-000000'])('rejects "%s"', (text) => {
    expect(() => toRefundNumber(text)).toThrow(DocumentNumberError);
  });
});

describe('seriesYearOf', () => {
  it('takes the year in UTC', () => {
    expect(seriesYearOf(new Date('2026-06-15T12:00:00Z'))).toBe(2026);
    // 00:30 on 1 January in Amsterdam is still 2026 in UTC.
    expect(seriesYearOf(new Date('2027-01-01T00:30:00+01:00'))).toBe(2026);
    expect(seriesYearOf(new Date('2027-01-01T00:00:00Z'))).toBe(2027);
  });

  it('rejects an invalid date', () => {
    expect(() => seriesYearOf(new Date('not a date'))).toThrow(DocumentNumberError);
  });
});

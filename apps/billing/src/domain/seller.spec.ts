import { SELLER_COUNTRY } from '@rental/vat';
import { isValidVatNumberFormat } from '@rental/vat';
import { PLATFORM_SELLER } from './seller';

describe('PLATFORM_SELLER', () => {
  it('is established in the country the VAT rules are written for', () => {
    expect(PLATFORM_SELLER.country).toBe(SELLER_COUNTRY);
  });

  it('has a Dutch VAT number and an eight-digit chamber of commerce number', () => {
    expect(isValidVatNumberFormat(PLATFORM_SELLER.vatNumber, 'NL')).toBe(true);
    expect(PLATFORM_SELLER.chamberOfCommerceNumber).toMatch(/^\d{8}$/);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(PLATFORM_SELLER)).toBe(true);
  });
});

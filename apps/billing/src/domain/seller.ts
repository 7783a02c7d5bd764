export interface SellerDetails {
  readonly name: string;
  readonly address: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly vatNumber: string;
  /** Kamer van Koophandel (Dutch chamber of commerce) registration number. */
  readonly chamberOfCommerceNumber: string;
}

/**
 * The platform's own company as it appears on every invoice. Placeholder values: these move to
 * configuration once the legal entity is set up. An invoice copies them when it is issued, because
 * an issued invoice keeps the details it was issued with even after the company moves.
 */
export const PLATFORM_SELLER: SellerDetails = Object.freeze({
  name: 'Rackhire B.V.',
  address: 'Stationsplein 45, 3013 AK Rotterdam, Netherlands',
  country: 'NL',
  vatNumber: 'NL859123456B01',
  chamberOfCommerceNumber: '81234567',
});

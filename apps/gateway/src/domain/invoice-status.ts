/** Open until paid; cancelled once a credit note covers it in full (paid money is then refunded). */
export type InvoiceStatus = 'open' | 'paid' | 'cancelled';

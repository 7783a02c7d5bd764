export {
  DEFAULT_MAX_AGE_SECONDS,
  DEFAULT_MAX_FUTURE_SKEW_SECONDS,
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
  verifyWebhook,
  webhookSignature,
} from './webhook-signature';
export type { SignatureRejection, SignedHeaders, VerifyWebhook } from './webhook-signature';

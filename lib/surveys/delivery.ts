import "server-only";

// Survey invitations reach the customer through a sender. The link's token exists in clear only in
// the text handed to it: the outbound_message row keeps the message with the link redacted
// (…/s/••••••) and the invitation keeps the token's SHA-256, so nobody who reads the database or
// the message log can answer a customer's survey (issue 19, finding 9).

export interface SurveyDelivery {
  /** The outbound_message row that records it (redacted). */
  messageId: string;
  invitationId: number;
  customerId: number;
  channel: "SMS" | "EMAIL" | "PUSH";
  locale: string;
  purpose: string;
  /** The message with the real link: for the channel only, never stored or logged. */
  text: string;
}

/**
 * Hands messages to the channel, after the transaction that created them has committed. This system
 * has no SMS, e-mail or push gateway: the app calls the commands without a sender, the redacted
 * outbound row is the delivery record and the texts are never even built. A deployment with a
 * gateway passes its sender to scanCsatInvitations / sendSurveyCampaign; the tests pass one that
 * keeps the texts, and scripts/run-job.ts --print-links (demo only) prints them.
 */
export type SurveySender = (deliveries: SurveyDelivery[]) => Promise<void>;

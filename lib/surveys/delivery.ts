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

/** Hands messages to the channel, after the transaction that created them has committed. */
export type SurveySender = (deliveries: SurveyDelivery[]) => Promise<void>;

/**
 * The sender of this system: there is no SMS, e-mail or push gateway, so the redacted outbound row
 * is the delivery record and the text goes nowhere. A deployment with a gateway passes its own
 * sender to scanCsatInvitations / sendSurveyCampaign; the demo and the tests pass one that keeps
 * the links (scripts/run-job.ts --print-links).
 */
export const noGatewaySender: SurveySender = async () => {};

-- Survey invitation tokens were stored in clear in outbound_message.body (the link), where staff
-- with survey:read could open and answer a customer's survey (issue 19, finding 9). New messages
-- are stored with the link redacted; this redacts the ones written before. The invitations keep
-- working: the customer still has the link, the database only the token's SHA-256.
UPDATE outbound_message
SET body = regexp_replace(body, '/s/[A-Za-z0-9_-]+', '/s/••••••', 'g')
WHERE body ~ '/s/[A-Za-z0-9_-]+';

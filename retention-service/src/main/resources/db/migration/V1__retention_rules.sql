-- The retention rules of the privacy policy, one row per data category. Schedules per member and
-- category, legal holds and destruction certificates follow in later migrations.
CREATE TABLE retention_rule (
    category      VARCHAR(64)  PRIMARY KEY,
    period        VARCHAR(16)  NOT NULL,   -- ISO-8601 period; P0D = destroy without delay
    starts_on     VARCHAR(64)  NOT NULL,   -- the event that starts the clock
    legal_basis   VARCHAR(255) NOT NULL,
    policy_text   TEXT         NOT NULL
);

INSERT INTO retention_rule (category, period, starts_on, legal_basis, policy_text) VALUES
('MEMBER_PROFILE', 'P10Y', 'MemberWithdrawn', 'INTERNAL_POLICY_FRAUD_PREVENTION',
 'Even if a member leaves, the member''s information may be kept for 10 years from the date of termination of the service contract.'),
('CONTRACT_RECORDS', 'P5Y', 'MemberWithdrawn', 'E_COMMERCE_CONSUMER_PROTECTION_ACT',
 'Records of contract or withdrawal of subscription: 5 years.'),
('PAYMENT_RECORDS', 'P5Y', 'ServiceApplied', 'E_COMMERCE_CONSUMER_PROTECTION_ACT',
 'Records of payment and supply of goods: 5 years.'),
('COMPLAINT_RECORDS', 'P3Y', 'ComplaintResolved', 'E_COMMERCE_CONSUMER_PROTECTION_ACT',
 'Records of consumer complaints or dispute handling: 3 years.'),
('SERVICE_LOGS', 'P3M', 'AccessRecorded', 'COMMUNICATION_SECRETS_PROTECTION_ACT',
 'Log records: 3 months.'),
('STAFF_ACCESS_RECORDS', 'P2Y', 'AccessRecorded', 'PIPA_SAFETY_STANDARD_ART_8',
 'Access records of staff and systems handling personal data: at least 1 year, 2 years above 50,000 data subjects.'),
('LIVE_PROFILE', 'P0D', 'MemberWithdrawn', 'PURPOSE_ACHIEVED',
 'After the purpose of collecting and using personal information is achieved, the information is destroyed without delay.'),
('MARKETING_DATA', 'P0D', 'MemberWithdrawn', 'PURPOSE_ACHIEVED',
 'After the purpose of collecting and using personal information is achieved, the information is destroyed without delay.'),
('COOKIE_PREFERENCES', 'P0D', 'MemberWithdrawn', 'PURPOSE_ACHIEVED',
 'After the purpose of collecting and using personal information is achieved, the information is destroyed without delay.');

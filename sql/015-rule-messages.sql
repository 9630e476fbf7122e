-- A province rule in force says why (issue 16: a fuzzed rule run found
-- that an empty message reached the applicant as a blank error).  A row
-- that turns its rule off (value 0) needs no words.
ALTER TABLE province_rule ADD CONSTRAINT province_rule_message
  CHECK (value = 0 OR CHAR_LENGTH(TRIM(message)) > 0);

-- Mobile upload by QR code (issue: handoff).  The token is never stored:
-- it is a MAC of the nonce under a key derived from the JWT secret, so the
-- owner's QR code can be drawn again; token_hash finds the row.
CREATE TABLE handoff (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id     BIGINT UNSIGNED NOT NULL,
  account_id   BIGINT UNSIGNED NOT NULL,
  nonce        CHAR(32)  CHARACTER SET ascii NOT NULL,
  token_hash   CHAR(64)  CHARACTER SET ascii NOT NULL,
  device_hash  CHAR(64)  CHARACTER SET ascii NULL,   -- the phone it is bound to
  created_at   DATETIME  NOT NULL,
  expires_at   DATETIME  NOT NULL,
  revoked_at   DATETIME  NULL,
  UNIQUE KEY handoff_token (token_hash),
  KEY handoff_order (order_id),
  CONSTRAINT handoff_order_fk FOREIGN KEY (order_id) REFERENCES filing_order (id),
  CONSTRAINT handoff_account_fk FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO rule_setting VALUES
('handoff_ttl_seconds',600,'手机上传的二维码 10 分钟内有效。','issue 6 (security.md A.2)','2026-11-28'),
('handoff_max_active',3,'同一订单最多同时有 3 个有效的手机上传二维码，请先关闭旧的。','issue 6','2026-11-28');

-- What a phone uploads is logged as the phone's doing.
ALTER TABLE order_event DROP CONSTRAINT order_event_actor,
  ADD CONSTRAINT order_event_actor CHECK (actor_kind IN ('applicant', 'phone',
    'reviewer', 'admin', 'system', 'bureau'));

-- Filed subjects and websites, hosting instances, filing service numbers,
-- orders and their event log (issue: subjects, orders, service numbers).

-- An ICP subject (主体) already filed through this provider.
CREATE TABLE subject (
  id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id        BIGINT UNSIGNED NOT NULL,
  nature            VARCHAR(24)  NOT NULL,
  name              VARCHAR(100) NOT NULL,
  province          CHAR(6)      NOT NULL,
  cert_type         INT          NOT NULL,
  cert_number       VARCHAR(40)  NOT NULL,
  leader_name       VARCHAR(50)  NOT NULL,
  leader_id_type    INT          NOT NULL,
  leader_id_number  VARCHAR(40)  NOT NULL,
  leader_mobile     VARCHAR(20)  NOT NULL,
  leader_email      VARCHAR(254) NOT NULL,
  legal_rep_name    VARCHAR(50)  NULL,
  icp_number        VARCHAR(32)  NOT NULL,
  created_at        DATETIME     NOT NULL,
  UNIQUE KEY subject_icp_number (icp_number),
  KEY subject_account (account_id),
  CONSTRAINT subject_account_fk FOREIGN KEY (account_id) REFERENCES account (id),
  CONSTRAINT subject_nature_fk FOREIGN KEY (nature) REFERENCES subject_nature (slug),
  CONSTRAINT subject_province_fk FOREIGN KEY (province) REFERENCES province (code),
  CONSTRAINT subject_cert_type_fk FOREIGN KEY (cert_type) REFERENCES cert_type (code),
  CONSTRAINT subject_leader_id_type_fk FOREIGN KEY (leader_id_type) REFERENCES cert_type (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A website already filed under a subject, with its website ICP number.
CREATE TABLE website (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  subject_id  BIGINT UNSIGNED NOT NULL,
  name        VARCHAR(100) NOT NULL,
  domain      VARCHAR(253) NOT NULL,
  icp_number  VARCHAR(40)  NOT NULL,
  filed_at    DATETIME     NOT NULL,
  UNIQUE KEY website_icp_number (icp_number),
  UNIQUE KEY website_domain (domain),
  KEY website_subject (subject_id),
  CONSTRAINT website_subject_fk FOREIGN KEY (subject_id) REFERENCES subject (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A hosting instance bought by an account.
CREATE TABLE instance (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id  BIGINT UNSIGNED NOT NULL,
  product     VARCHAR(16)  NOT NULL,
  region      VARCHAR(32)  NOT NULL,
  mainland    TINYINT(1)   NOT NULL,
  billing     VARCHAR(16)  NOT NULL,
  months      INT          NOT NULL,
  expires_at  DATE         NOT NULL,
  public_ip   VARCHAR(45)  NULL,
  state       VARCHAR(16)  NOT NULL,
  created_at  DATETIME     NOT NULL,
  KEY instance_account (account_id),
  CONSTRAINT instance_account_fk FOREIGN KEY (account_id) REFERENCES account (id),
  CONSTRAINT instance_product_fk FOREIGN KEY (product) REFERENCES product_type (slug),
  CONSTRAINT instance_billing CHECK (billing IN ('subscription', 'payg')),
  CONSTRAINT instance_state CHECK (state IN ('running', 'stopped')),
  CONSTRAINT instance_months CHECK (months BETWEEN 0 AND 120)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An order: add a website to a subject, or change the subject.  At most
-- one non-terminal order per subject, enforced here: open_subject_id is
-- the subject while the order is open and NULL once it ends, and is
-- UNIQUE (NULLs do not collide).
CREATE TABLE filing_order (
  id                    BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id            BIGINT UNSIGNED NOT NULL,
  subject_id            BIGINT UNSIGNED NOT NULL,
  kind                  VARCHAR(16)  NOT NULL,
  state                 VARCHAR(24)  NOT NULL,
  open_subject_id       BIGINT UNSIGNED NULL,
  subject_snapshot      TEXT         NOT NULL,
  subject_confirmed_at  DATETIME     NULL,
  version               INT UNSIGNED NOT NULL DEFAULT 1,
  created_at            DATETIME     NOT NULL,
  updated_at            DATETIME     NOT NULL,
  UNIQUE KEY filing_order_open (open_subject_id),
  KEY filing_order_account (account_id),
  KEY filing_order_subject (subject_id),
  CONSTRAINT filing_order_account_fk FOREIGN KEY (account_id) REFERENCES account (id),
  CONSTRAINT filing_order_subject_fk FOREIGN KEY (subject_id) REFERENCES subject (id),
  CONSTRAINT filing_order_kind CHECK (kind IN ('add_website', 'change_subject')),
  CONSTRAINT filing_order_open_matches CHECK (open_subject_id IS NULL OR open_subject_id = subject_id),
  CONSTRAINT filing_order_snapshot CHECK (JSON_VALID(subject_snapshot))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A filing service number (备案服务号).  One number files one website.
-- status: unbound (not tied to an instance), bound (usable), reserved (held
-- by a draft order), filing (at review), filed (used for good), void.
-- granted_account_id: another account allowed to use this number.
CREATE TABLE service_number (
  id                  BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  number              VARCHAR(40)  NOT NULL,
  instance_id         BIGINT UNSIGNED NULL,
  status              VARCHAR(16)  NOT NULL,
  order_id            BIGINT UNSIGNED NULL,
  granted_account_id  BIGINT UNSIGNED NULL,
  created_at          DATETIME     NOT NULL,
  updated_at          DATETIME     NOT NULL,
  UNIQUE KEY service_number_number (number),
  KEY service_number_instance (instance_id),
  KEY service_number_order (order_id),
  CONSTRAINT service_number_instance_fk FOREIGN KEY (instance_id) REFERENCES instance (id),
  CONSTRAINT service_number_order_fk FOREIGN KEY (order_id) REFERENCES filing_order (id),
  CONSTRAINT service_number_grant_fk FOREIGN KEY (granted_account_id) REFERENCES account (id),
  CONSTRAINT service_number_status CHECK (status IN ('unbound', 'bound', 'reserved', 'filing', 'filed', 'void')),
  CONSTRAINT service_number_held CHECK ((status IN ('reserved', 'filing', 'filed')) = (order_id IS NOT NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every change of an order: who, when, from which state to which, why.
CREATE TABLE order_event (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id    BIGINT UNSIGNED NOT NULL,
  at          DATETIME(6)  NOT NULL,
  actor_kind  VARCHAR(16)  NOT NULL,
  actor_id    BIGINT UNSIGNED NULL,
  event       VARCHAR(32)  NOT NULL,
  from_state  VARCHAR(24)  NULL,
  to_state    VARCHAR(24)  NOT NULL,
  note        VARCHAR(500) NOT NULL DEFAULT '',
  KEY order_event_order (order_id, at),
  CONSTRAINT order_event_order_fk FOREIGN KEY (order_id) REFERENCES filing_order (id),
  CONSTRAINT order_event_actor CHECK (actor_kind IN ('applicant', 'reviewer', 'admin', 'system', 'bureau'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

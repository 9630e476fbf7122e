-- Accounts, sessions and login throttling (issue: foundation).
-- Applied by `beian-admin migrate`; never edit after it has been applied:
-- add a new numbered file instead.

CREATE TABLE account (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  login         VARCHAR(64)  NOT NULL,
  name          VARCHAR(100) NOT NULL,
  role          VARCHAR(16)  NOT NULL,
  password_hash VARCHAR(128) NOT NULL,
  mobile        VARCHAR(20)  NULL,
  email         VARCHAR(254) NULL,
  disabled      TINYINT(1)   NOT NULL DEFAULT 0,
  created_at    DATETIME     NOT NULL,
  UNIQUE KEY account_login (login),
  CONSTRAINT account_role CHECK (role IN ('applicant', 'reviewer', 'admin')),
  CONSTRAINT account_login_chars CHECK (login REGEXP '^[a-z0-9._@-]{1,64}$')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per issued session token (its jti), with a snapshot of the
-- account as it was at login, so that the check on every request is one
-- primary-key read.  Revoking sets revoked_at.  Whatever changes an
-- account's login, name or role, or disables it, must revoke its sessions
-- in the same transaction.
CREATE TABLE session (
  jti         CHAR(32)        CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  account_id  BIGINT UNSIGNED NOT NULL,
  login       VARCHAR(64)     NOT NULL,
  name        VARCHAR(100)    NOT NULL,
  role        VARCHAR(16)     NOT NULL,
  created_at  DATETIME        NOT NULL,
  expires_at  DATETIME        NOT NULL,
  revoked_at  DATETIME        NULL,
  ip          VARCHAR(45)     NOT NULL DEFAULT '',
  KEY session_account (account_id),
  KEY session_expires (expires_at),
  CONSTRAINT session_account_fk FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Failed logins, per login name (also names that do not exist, so that a
-- probe cannot tell them apart).  Read by the lock check in `session`.
CREATE TABLE login_failure (
  id     BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  login  VARCHAR(64)  NOT NULL,
  at     DATETIME(6)  NOT NULL,
  ip     VARCHAR(45)  NOT NULL DEFAULT '',
  KEY login_failure_login_at (login, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

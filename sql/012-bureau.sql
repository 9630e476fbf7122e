-- The bureau stage (issue 14, domain.md §5.2-5.3, §14, §17, T6, T7,
-- R14): the submission to the provincial bureau, MIIT's SMS check, the
-- bureau's decision and the website ICP number.

ALTER TABLE rule_key DROP CONSTRAINT rule_key_unit,
  ADD CONSTRAINT rule_key_unit CHECK (unit IN ('flag', 'count', 'days',
    'business_days', 'hour', 'hours', 'seconds', 'months', 'years', 'level',
    'method', 'percent'));

-- Whether a province's filings pass MIIT's SMS check, its window and
-- how many wrong codes end it (domain.md §14, T7).  Today's data set
-- (every province since 2020-08-17, 24 h) is the one migrations load;
-- beian-admin bureau sms-rules 2017|2020 loads either as rows from a day.
INSERT INTO rule_key VALUES
('sms_required','province','flag',0,1,1,'须通过工信部短信核验'),
('sms_window_hours','province','hours',1,168,24,'短信核验的时限（小时）'),
('sms_max_tries','province','count',1,10,5,'短信核验码最多可输错的次数');

INSERT INTO province_rule VALUES
('000000','sms_required','all',1,'自 2020 年 8 月 17 日起，所有省份的备案都须通过工信部短信核验。','domain.md §14 (AL-SMS-B, HW-KB)','2020-08-17'),
('000000','sms_window_hours','all',24,'请在收到短信后 24 小时内完成核验。','domain.md §14, T7 (AL-REVIEW-B)','2020-08-17'),
('000000','sms_max_tries','all',5,'核验码连续输错 5 次，核验即失败。','domain.md §14, T7 (AL-SMS-B, HW-KB)','2020-08-17');

-- MIIT's image types (domain.md T6) and the size each is sent at: the
-- historic interface limits (domain.md §12, MIIT-SIZE-C; the supplementary
-- types assumed the same as an ID's).
CREATE TABLE bureau_image_type (
  code      INT          NOT NULL PRIMARY KEY,
  name      VARCHAR(32)  NOT NULL,
  byte_cap  INT          NOT NULL,
  source    VARCHAR(64)  NOT NULL,
  as_of     DATE         NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO bureau_image_type VALUES
(1,'主体单位证件',102400,'domain.md T6, §12 (MIIT-SIZE-C)','2026-12-08'),
(2,'主体单位补充材料',102400,'domain.md T6 (INFERENCE: as 1)','2026-12-08'),
(3,'主体负责人证件',102400,'domain.md T6, §12 (MIIT-SIZE-C)','2026-12-08'),
(4,'主体负责人照片',102400,'domain.md T6, §12 (MIIT-SIZE-C)','2026-12-08'),
(5,'网站核验单',153600,'domain.md T6, §12 (MIIT-SIZE-C)','2026-12-08'),
(6,'网站补充材料',102400,'domain.md T6 (INFERENCE: as 7)','2026-12-08'),
(7,'网站负责人证件',102400,'domain.md T6, §12 (MIIT-SIZE-C)','2026-12-08'),
(8,'网站负责人照片',102400,'domain.md T6, §12 (MIIT-SIZE-C)','2026-12-08'),
(9,'前置/专项审批',102400,'domain.md T6 (INFERENCE: as 7)','2026-12-08');

-- Which of them each upload is.
ALTER TABLE upload_kind ADD COLUMN bureau_type INT NULL,
  ADD CONSTRAINT upload_kind_bureau_type_fk FOREIGN KEY (bureau_type) REFERENCES bureau_image_type (code);
UPDATE upload_kind SET bureau_type = 7 WHERE kind IN ('owner_id_front', 'owner_id_back');
UPDATE upload_kind SET bureau_type = 3 WHERE kind IN ('leader_id_front', 'leader_id_back');
UPDATE upload_kind SET bureau_type = 1 WHERE kind = 'subject_license';
UPDATE upload_kind SET bureau_type = 5 WHERE kind = 'verification_form';
UPDATE upload_kind SET bureau_type = 8 WHERE kind = 'curtain_photo';
UPDATE upload_kind SET bureau_type = 9 WHERE kind = 'preapproval_document';
UPDATE upload_kind SET bureau_type = 6 WHERE kind IN ('domain_certificate', 'commitment_letter',
  'authorization_letter', 'residence_permit', 'other');

-- An order's way through the bureau: when it became the provider's to
-- submit and by when, the submission (the payload as sent, its delivery
-- for the http adapter: tries, the next, the last error), and the
-- bureau's decision.
CREATE TABLE bureau_submission (
  order_id      BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  ready_at      DATETIME     NOT NULL,
  due_at        DATETIME     NOT NULL,
  submitted_at  DATETIME     NULL,
  round         INT UNSIGNED NOT NULL DEFAULT 0,
  payload       MEDIUMTEXT   NULL,
  delivery      VARCHAR(12)  NOT NULL DEFAULT 'none',
  tries         INT UNSIGNED NOT NULL DEFAULT 0,
  next_try_at   DATETIME     NULL,
  last_error    VARCHAR(255) NULL,
  decided_at    DATETIME     NULL,
  reason        VARCHAR(8)   NULL,
  note          VARCHAR(500) NULL,
  CONSTRAINT bureau_submission_order_fk FOREIGN KEY (order_id) REFERENCES filing_order (id),
  CONSTRAINT bureau_submission_delivery CHECK (delivery IN ('none', 'pending', 'sent', 'dead'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- MIIT's SMS check of an order at the bureau (of its submission round):
-- to which mobile, until when, the tries left, the simulator's code (a hash; NULL when the
-- bureau behind the http adapter holds it), the outcome.
CREATE TABLE sms_check (
  order_id      BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  mobile        VARCHAR(20)  NOT NULL,
  id_last6      CHAR(6)      NOT NULL,
  code_hash     CHAR(64)     NULL,
  sent_at       DATETIME     NOT NULL,
  deadline      DATETIME     NOT NULL,
  window_hours  INT          NOT NULL,
  tries_left    INT          NOT NULL,
  round         INT UNSIGNED NOT NULL,
  state         VARCHAR(12)  NOT NULL DEFAULT 'waiting',
  done_at       DATETIME     NULL,
  KEY sms_check_mobile (mobile, state),
  CONSTRAINT sms_check_order_fk FOREIGN KEY (order_id) REFERENCES filing_order (id),
  CONSTRAINT sms_check_state CHECK (state IN ('waiting', 'verified', 'failed'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The website ICP number: <subject number>-N, N the subject's next, never
-- reused (domain.md §17).  The counter starts at the filed websites'.
ALTER TABLE subject ADD COLUMN website_seq INT UNSIGNED NOT NULL DEFAULT 0;
UPDATE subject s SET website_seq = (SELECT COALESCE(MAX(CAST(SUBSTRING_INDEX(w.icp_number, '-', -1)
  AS UNSIGNED)), 0) FROM website w WHERE w.subject_id = s.id);
ALTER TABLE order_website ADD COLUMN website_number VARCHAR(40) NULL;

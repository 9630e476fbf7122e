-- Submit with pre-submit checks, and the provider's initial review
-- (issue: submit and initial review).

-- Public holidays and the weekend days worked instead (调休).  A business
-- day is Monday to Friday unless listed here with workday = 0, or any day
-- listed with workday = 1.  The operator adds next year's rows when the
-- State Council publishes them (usually in November).
CREATE TABLE holiday (
  day      DATE         NOT NULL PRIMARY KEY,
  workday  TINYINT(1)   NOT NULL,
  name     VARCHAR(32)  NOT NULL,
  source   VARCHAR(128) NOT NULL,
  as_of    DATE         NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO holiday VALUES
('2026-01-01',0,'元旦','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-01-02',0,'元旦','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-01-03',0,'元旦','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-01-04',1,'元旦调休上班','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-02-14',1,'春节调休上班','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-02-15',0,'春节','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-02-16',0,'春节','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-02-17',0,'春节','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-02-18',0,'春节','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-02-19',0,'春节','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-02-20',0,'春节','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-02-21',0,'春节','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-02-22',0,'春节','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-02-23',0,'春节','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-02-28',1,'春节调休上班','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-04-04',0,'清明节','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-04-05',0,'清明节','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-04-06',0,'清明节','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-05-01',0,'劳动节','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-05-02',0,'劳动节','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-05-03',0,'劳动节','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-05-04',0,'劳动节','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-05-05',0,'劳动节','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-05-09',1,'劳动节调休上班','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-06-19',0,'端午节','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-06-20',0,'端午节','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-06-21',0,'端午节','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-09-20',1,'国庆节调休上班','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-09-25',0,'中秋节','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-09-26',0,'中秋节','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-09-27',0,'中秋节','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-10-01',0,'国庆节','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-10-02',0,'国庆节','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-10-03',0,'国庆节','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-10-04',0,'国庆节','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-10-05',0,'国庆节','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-10-06',0,'国庆节','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-10-07',0,'国庆节','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
('2026-10-10',1,'国庆节调休上班','国务院办公厅关于2026年部分节假日安排的通知','2025-11-04'),
-- 2027: the statutory days only, until the State Council's notice adds
-- the bridging days and 调休.
('2027-01-01',0,'元旦','全国年节及纪念日放假办法（2024 年修订）第二条','2026-11-28'),
('2027-02-05',0,'春节（除夕）','全国年节及纪念日放假办法（2024 年修订）第二条','2026-11-28'),
('2027-02-06',0,'春节','全国年节及纪念日放假办法（2024 年修订）第二条','2026-11-28'),
('2027-02-07',0,'春节','全国年节及纪念日放假办法（2024 年修订）第二条','2026-11-28'),
('2027-02-08',0,'春节','全国年节及纪念日放假办法（2024 年修订）第二条','2026-11-28');

-- The common rejection reasons (domain.md §16) a reviewer picks from, and
-- what the applicant is told to do about each.
CREATE TABLE rejection_reason (
  code      VARCHAR(8)   NOT NULL PRIMARY KEY,
  position  INT          NOT NULL,
  title     VARCHAR(64)  NOT NULL,
  fix       VARCHAR(255) NOT NULL,
  source    VARCHAR(64)  NOT NULL,
  as_of     DATE         NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO rejection_reason VALUES
('R1',1,'域名所有人不正确','域名持有者须与主体名称一致且已实名认证、未过期：请在域名注册商处修改域名实名信息，约 3 个工作日同步到工信部后再提交。','domain.md §16','2026-11-28'),
('R2',2,'网站名称不合格','请按网站名称规则修改名称（个人网站不能用企业、机构、行业词语），必要时在备注中说明网站内容。','domain.md §16, §9','2026-11-28'),
('R3',3,'跨省备案','主体证件须由备案所在省份签发；个人可上传居住证（限支持的省份），否则请在证件所在省份备案。','domain.md §16','2026-11-28'),
('R4',4,'网站内容需要前置审批','请调整网站内容，或取得相应主管部门的前置审批并填写审批号。','domain.md §16, §11','2026-11-28'),
('R5',5,'证件或材料不合格','请重新上传清晰、完整、未过期的原件彩色照片或扫描件（不能是截图或复印件）。','domain.md §16','2026-11-28'),
('R6',6,'主体负责人非法定代表人','请将法定代表人设为负责人，或在允许的省份上传法定代表人签字盖章的授权书。','domain.md §16','2026-11-28'),
('R7',7,'电话号码问题','请使用本人实名的、能接通的号码；手机号码与应急电话不能相同，也不能已用于其他主体。','domain.md §16','2026-11-28'),
('R8',8,'未备案网站已开通访问','请先停止该域名的解析或关闭网站，备案通过后再开通。','domain.md §16','2026-11-28'),
('R9',9,'已备案网站未开通或未悬挂备案号','请确保已备案网站可以访问，并在首页底部悬挂备案号且链接到 beian.miit.gov.cn。','domain.md §16','2026-11-28'),
('R10',10,'核验照片不合格','请按要求重新拍摄核验照片。','domain.md §16','2026-11-28'),
('R11',11,'备案类型错误','该域名或主体在工信部已有备案记录，请办理相应类型的备案（如接入备案）。','domain.md §16','2026-11-28'),
('R12',12,'证件号码已有未完成的订单','请先处理（完成或放弃）使用该证件号码的其他订单。','domain.md §16','2026-11-28'),
('R13',13,'联系不上','审核人员未能联系到您，请保持电话畅通。','domain.md §16','2026-11-28'),
('R14',14,'核验失败','请在规定时间内完成短信核验后重新提交。','domain.md §16','2026-11-28');

-- upload_kind's min_width is of the longer side and min_height of the
-- shorter one; the A4 documents and the curtain photo had them the other
-- way round, refusing a sharp 1000×1400 photo of a form.
UPDATE upload_kind SET min_width = 1100, min_height = 800
  WHERE kind IN ('verification_form', 'commitment_letter', 'authorization_letter');
UPDATE upload_kind SET min_width = 800, min_height = 600 WHERE kind = 'curtain_photo';

-- A number released by an abandoned order files a website of a later
-- order: one website per number within an order, not for ever.
ALTER TABLE order_website
  ADD KEY order_website_sn (service_number_id),
  DROP INDEX order_website_sin,
  ADD UNIQUE KEY order_website_order_sin (order_id, service_number_id);

-- Content that needs a pre-approval (R4): a website with the content type
-- and without the pre-approval type is refused before submit (error) or
-- warned (where the approval was cancelled nationally but a bureau may
-- still ask).  Personal subjects cannot hold pre-approvals at all.
CREATE TABLE content_preapproval (
  content_code      BIGINT UNSIGNED NOT NULL,
  preapproval_code  INT          NOT NULL,
  severity          VARCHAR(8)   NOT NULL,
  message           VARCHAR(255) NOT NULL,
  source            VARCHAR(64)  NOT NULL,
  as_of             DATE         NOT NULL,
  PRIMARY KEY (content_code, preapproval_code),
  CONSTRAINT content_preapproval_content_fk FOREIGN KEY (content_code) REFERENCES content_type (code),
  CONSTRAINT content_preapproval_type_fk FOREIGN KEY (preapproval_code) REFERENCES preapproval_type (code),
  CONSTRAINT content_preapproval_severity CHECK (severity IN ('error', 'warning'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO content_preapproval VALUES
(16,1,'error','“网络新闻”需要《互联网新闻信息服务许可证》（新闻类前置审批）','domain.md §11.1, §16 R4 (TC-PREAPPROVAL)','2026-11-28'),
(512,4096,'error','“网上支付”属于互联网金融，需要金融监管部门的前置审批','domain.md §11.1, §16 R4 (TC-REJECT)','2026-11-28'),
(1024,4096,'error','“网上银行”属于互联网金融，需要金融监管部门的前置审批','domain.md §11.1, §16 R4 (TC-REJECT)','2026-11-28'),
(2048,4096,'error','“网上炒股/股票基金”属于互联网金融，需要金融监管部门的前置审批','domain.md §11.1, §16 R4 (TC-REJECT)','2026-11-28'),
(16384,512,'error','“网络影视”需要《信息网络传播视听节目许可证》（广播电影电视节目类前置审批）','domain.md §11.1, §16 R4 (AL-REJECT)','2026-11-28'),
(8192,256,'error','“网络音乐”需要《网络文化经营许可证》（文化类前置审批）','domain.md §11.1, §16 R4 (AL-REJECT)','2026-11-28'),
(4096,256,'error','“网络游戏”需要《网络文化经营许可证》（文化类前置审批）','domain.md §11.1, §16 R4 (TC-PREAPPROVAL)','2026-11-28'),
(1048576,4,'warning','“网络教育”的教育类前置审批已在多地取消，但部分管局仍会要求，请以管局要求为准','domain.md §11.1 (TC-PREAPPROVAL)','2026-11-28');

-- When the order went to review and by when the provider promised to
-- answer; round counts the submissions.
ALTER TABLE filing_order
  ADD COLUMN submitted_at   DATETIME      NULL,
  ADD COLUMN review_due_at  DATETIME      NULL,
  ADD COLUMN review_round   INT UNSIGNED  NOT NULL DEFAULT 0;

-- One rejected item: a field of a website or an upload, with the reason
-- and the reviewer's note.  Open (resolved_at NULL) until the applicant
-- resubmits; while open it is the only thing the applicant may change.
-- was: the field's value, or the upload's sha256, when it was rejected.
CREATE TABLE review_item (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id     BIGINT UNSIGNED NOT NULL,
  round        INT UNSIGNED    NOT NULL,
  reason       VARCHAR(8)      NOT NULL,
  field        VARCHAR(64)     CHARACTER SET ascii NULL,
  upload_id    BIGINT UNSIGNED NULL,
  website_id   BIGINT UNSIGNED NULL,
  kind         VARCHAR(32)     NULL,
  was          TEXT            NOT NULL,
  note         VARCHAR(500)    NOT NULL,
  reviewer_id  BIGINT UNSIGNED NOT NULL,
  created_at   DATETIME        NOT NULL,
  resolved_at  DATETIME        NULL,
  KEY review_item_order (order_id, resolved_at),
  CONSTRAINT review_item_order_fk FOREIGN KEY (order_id) REFERENCES filing_order (id),
  CONSTRAINT review_item_reason_fk FOREIGN KEY (reason) REFERENCES rejection_reason (code),
  CONSTRAINT review_item_reviewer_fk FOREIGN KEY (reviewer_id) REFERENCES account (id),
  CONSTRAINT review_item_target CHECK ((field IS NULL) <> (upload_id IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO rule_setting VALUES
('initial_review_sla_business_days',1,'提交后 1 个工作日内完成初审。','domain.md T7 (AL-REVIEW-B)','2026-11-28'),
('review_due_hour',18,'审核期限为当天 18:00（北京时间）。','beian','2026-11-28'),
('worker_interval_seconds',60,'beian-worker 每 60 秒检查一次过期订单。','beian','2026-11-28'),
('upload_flag_blocks_submit',1,'质量检查提示有问题的照片需重新上传后才能提交。','security.md A.3, domain.md §16 R5','2026-11-28');

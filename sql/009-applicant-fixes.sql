-- What a first-time applicant hit (issue 11).

-- The 居住证 of a personal filer whose ID card another province issued
-- belongs to the subject's person, not to one website: one per order.
UPDATE upload_kind SET per_website = 0, source = 'domain.md §12, T2',
  as_of = '2026-12-07' WHERE kind = 'residence_permit';

-- Whether a personal filer with another province's ID card may file with
-- a residence permit here (domain.md T2, column personal_non_local_id).
-- The checklist asks for the permit where it is accepted; elsewhere the
-- pre-submit check R3 says to file in the province that issued the ID.
INSERT INTO province_rule VALUES
('000000','residence_permit_accepted','personal',1,'身份证不是备案省份签发的：请上传在备案省份办理的有效居住证','domain.md §12, T2 (TC-MATERIALS-2017)','2026-12-07'),
('140000','residence_permit_accepted','personal',0,'山西只接受本省身份证备案：外省身份证请在签发地所在省份备案','domain.md T2 (T17, HW)','2026-12-07'),
('150000','residence_permit_accepted','personal',0,'内蒙古只接受本省身份证备案：外省身份证请在签发地所在省份备案','domain.md T2 (HW 2025)','2026-12-07'),
('230000','residence_permit_accepted','personal',0,'黑龙江只接受本省身份证备案：外省身份证请在签发地所在省份备案','domain.md T2 (T17)','2026-12-07'),
('410000','residence_permit_accepted','personal',0,'河南只接受本省身份证备案：外省身份证请在签发地所在省份备案','domain.md T2 (T17)','2026-12-07'),
('450000','residence_permit_accepted','personal',0,'广西不接受跨省备案：外省身份证请在签发地所在省份备案','domain.md T2 (HW)','2026-12-07'),
('500000','residence_permit_accepted','personal',0,'重庆只接受本市身份证备案：外省身份证请在签发地所在省份备案','domain.md T2 (T17)','2026-12-07'),
('530000','residence_permit_accepted','personal',0,'云南只接受本省身份证备案：外省身份证请在签发地所在省份备案','domain.md T2 (T17)','2026-12-07'),
('620000','residence_permit_accepted','personal',0,'甘肃只接受本省身份证备案：外省身份证请在签发地所在省份备案','domain.md T2 (T17)','2026-12-07'),
('630000','residence_permit_accepted','personal',0,'青海只接受本省身份证备案：外省身份证请在签发地所在省份备案','domain.md T2 (T17, HW)','2026-12-07'),
('640000','residence_permit_accepted','personal',0,'宁夏只接受本区身份证备案：外省身份证请在签发地所在省份备案','domain.md T2 (T17, HW)','2026-12-07'),
('650000','residence_permit_accepted','personal',0,'新疆只接受本区身份证备案：外省身份证请在签发地所在省份备案','domain.md T2 (T17, HW)','2026-12-07');

-- A refused classic form's values, for the page it goes back to (see
-- cgi/lib/echo.h): bound to the account, read for half an hour, swept by
-- beian-worker after a day.
CREATE TABLE form_echo (
  id          CHAR(32) CHARACTER SET ascii NOT NULL PRIMARY KEY,
  account_id  BIGINT UNSIGNED NOT NULL,
  path        VARCHAR(255) NOT NULL,   -- where the form posted
  fields      MEDIUMTEXT   NOT NULL,   -- JSON [[key, value], ...]
  created_at  DATETIME     NOT NULL,
  KEY form_echo_created (created_at),
  CONSTRAINT form_echo_account_fk FOREIGN KEY (account_id) REFERENCES account (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The time limits of the stages after the initial review (domain.md T7),
-- for the expected end of a filing: R1 warns of a domain that expires
-- before it.  The bureau's own limit varies by province.
INSERT INTO rule_setting VALUES
('photo_review_sla_business_days',1,'拍照核验后 1 个工作日内完成审核。','domain.md T7 (AL-PHOTO)','2026-12-07'),
('bureau_submit_sla_business_days',1,'审核通过后 1 个工作日内提交管局。','domain.md T7 (AL-REVIEW-B, TC-REVIEW)','2026-12-07');
INSERT INTO province_rule VALUES
('000000','bureau_review_business_days','all',20,'管局审核最长 20 个工作日','domain.md T7 (TC-REVIEW, AL-REVIEW-B)','2026-12-07'),
('330000','bureau_review_business_days','all',30,'浙江：管局审核最长 30 个工作日','domain.md T2, T7 (TC-REVIEW)','2026-12-07');

-- The permit's name is 港澳居民来往内地通行证 (the "Home Return Permit"),
-- as domain.md §8 has it; T6 misspelt it 内陆.
UPDATE cert_type SET name = '港澳居民来往内地通行证',
  source = 'domain.md §8 (BATOOLS, AL-UPLOAD-B)', as_of = '2026-12-07'
  WHERE code = 14;

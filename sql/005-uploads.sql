-- Uploaded materials (issue: uploads).  Images are stored normalised
-- (re-encoded JPEG, no EXIF), content-addressed by sha256, in the
-- database, so that one transaction holds the order and its files.

-- The kinds of material (domain.md §12), with what an image of each must
-- at least be and what it is reduced to.
CREATE TABLE upload_kind (
  kind         VARCHAR(32)  NOT NULL PRIMARY KEY,
  name         VARCHAR(32)  NOT NULL,
  per_website  TINYINT(1)   NOT NULL,
  min_width    INT          NOT NULL,   -- of the longer side
  min_height   INT          NOT NULL,   -- of the shorter side
  max_side     INT          NOT NULL,
  byte_cap     INT          NOT NULL,
  source       VARCHAR(64)  NOT NULL,
  as_of        DATE         NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO upload_kind VALUES
('owner_id_front','网站负责人证件（正面）',1,640,400,1600,409600,'domain.md §12 (AL-UPLOAD-B)','2026-11-28'),
('owner_id_back','网站负责人证件（反面）',1,640,400,1600,409600,'domain.md §12 (AL-UPLOAD-B)','2026-11-28'),
('leader_id_front','主体负责人证件（正面）',0,640,400,1600,409600,'domain.md §12','2026-11-28'),
('leader_id_back','主体负责人证件（反面）',0,640,400,1600,409600,'domain.md §12','2026-11-28'),
('subject_license','主体证件（营业执照等）',0,800,600,2000,819200,'domain.md §12 (TC-UPLOAD)','2026-11-28'),
('verification_form','网站备案信息真实性核验单',1,800,1100,2000,819200,'domain.md §12 (AL-UPLOAD-B, MIIT-HEYAN-C)','2026-11-28'),
('domain_certificate','域名证书',1,600,400,1600,409600,'domain.md §12, T2','2026-11-28'),
('commitment_letter','承诺书',0,800,1100,2000,819200,'domain.md §12 (HW-KB)','2026-11-28'),
('authorization_letter','授权书',1,800,1100,2000,819200,'domain.md §12, T2','2026-11-28'),
('preapproval_document','前置审批文件',1,800,600,2000,819200,'domain.md §11, §12','2026-11-28'),
('residence_permit','居住证',1,640,400,1600,409600,'domain.md §12 (TC-MATERIALS-2017)','2026-11-28'),
('curtain_photo','幕布照片',1,600,800,1600,409600,'domain.md §13.1','2026-11-28'),
('other','其他材料',1,400,300,2000,819200,'domain.md §12','2026-11-28');

-- Quality gate thresholds, measured on the thumbnail (0..255 brightness;
-- Laplacian variance for sharpness).  Warnings only: the applicant sees
-- them before submitting.
INSERT INTO rule_setting VALUES
('upload_min_brightness',60,'照片偏暗，证件上的文字可能看不清。请在光线充足处重新拍摄。','beian (measured)','2026-11-28'),
('upload_max_brightness',235,'照片过亮或有反光，证件上的文字可能看不清。请避开灯光直射后重新拍摄。','beian (measured)','2026-11-28'),
('upload_min_sharpness',40,'照片可能模糊。请对准焦点、保持手机稳定后重新拍摄。','beian (measured)','2026-11-28');

-- File contents, by sha256 of the stored (normalised) bytes.
CREATE TABLE file_blob (
  sha256      CHAR(64)   CHARACTER SET ascii NOT NULL PRIMARY KEY,
  data        MEDIUMBLOB NOT NULL,
  size        INT        NOT NULL,
  created_at  DATETIME   NOT NULL
) ENGINE=InnoDB;

-- One upload per order, website (0: the order itself) and kind; a new
-- upload of the same slot replaces the old one.
CREATE TABLE upload (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id    BIGINT UNSIGNED NOT NULL,
  website_id  BIGINT UNSIGNED NOT NULL DEFAULT 0,
  kind        VARCHAR(32)  NOT NULL,
  blob_sha    CHAR(64)     CHARACTER SET ascii NOT NULL,
  thumb_sha   CHAR(64)     CHARACTER SET ascii NOT NULL,
  width       INT          NOT NULL,
  height      INT          NOT NULL,
  bytes       INT          NOT NULL,
  filename    VARCHAR(255) NOT NULL DEFAULT '',
  warnings    TEXT         NOT NULL,
  created_at  DATETIME     NOT NULL,
  UNIQUE KEY upload_slot (order_id, website_id, kind),
  CONSTRAINT upload_order_fk FOREIGN KEY (order_id) REFERENCES filing_order (id),
  CONSTRAINT upload_kind_fk FOREIGN KEY (kind) REFERENCES upload_kind (kind),
  CONSTRAINT upload_blob_fk FOREIGN KEY (blob_sha) REFERENCES file_blob (sha256),
  CONSTRAINT upload_thumb_fk FOREIGN KEY (thumb_sha) REFERENCES file_blob (sha256),
  CONSTRAINT upload_warnings CHECK (JSON_VALID(warnings))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

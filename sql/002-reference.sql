-- Reference data that rules are built from (issue: subjects and orders).
-- Every row carries its source (domain.md keys) and the date it was true;
-- an operator changes a rule with SQL, never with a rebuild.

-- T1: the 31 provincial-level divisions.
CREATE TABLE province (
  code    CHAR(6)     NOT NULL PRIMARY KEY,   -- GB/T 2260
  name    VARCHAR(16) NOT NULL,
  abbr    VARCHAR(4)  NOT NULL,               -- as in ICP numbers: 浙ICP备…
  source  VARCHAR(64) NOT NULL,
  as_of   DATE        NOT NULL,
  UNIQUE KEY province_name (name),
  UNIQUE KEY province_abbr (abbr)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO province (code, name, abbr, source, as_of) VALUES
('110000','北京','京','domain.md T1; ABBR-CODE','2026-11-01'),
('120000','天津','津','domain.md T1; ABBR-CODE','2026-11-01'),
('130000','河北','冀','domain.md T1; ABBR-CODE','2026-11-01'),
('140000','山西','晋','domain.md T1; ABBR-CODE','2026-11-01'),
('150000','内蒙古','蒙','domain.md T1; ABBR-CODE','2026-11-01'),
('210000','辽宁','辽','domain.md T1; ABBR-CODE','2026-11-01'),
('220000','吉林','吉','domain.md T1; ABBR-CODE','2026-11-01'),
('230000','黑龙江','黑','domain.md T1; ABBR-CODE','2026-11-01'),
('310000','上海','沪','domain.md T1; ABBR-CODE','2026-11-01'),
('320000','江苏','苏','domain.md T1; ABBR-CODE','2026-11-01'),
('330000','浙江','浙','domain.md T1; ABBR-CODE','2026-11-01'),
('340000','安徽','皖','domain.md T1; ABBR-CODE','2026-11-01'),
('350000','福建','闽','domain.md T1; ABBR-CODE','2026-11-01'),
('360000','江西','赣','domain.md T1; ABBR-CODE','2026-11-01'),
('370000','山东','鲁','domain.md T1; ABBR-CODE','2026-11-01'),
('410000','河南','豫','domain.md T1; ABBR-CODE','2026-11-01'),
('420000','湖北','鄂','domain.md T1; ABBR-CODE','2026-11-01'),
('430000','湖南','湘','domain.md T1; ABBR-CODE','2026-11-01'),
('440000','广东','粤','domain.md T1; ABBR-CODE','2026-11-01'),
('450000','广西','桂','domain.md T1; ABBR-CODE','2026-11-01'),
('460000','海南','琼','domain.md T1; ABBR-CODE','2026-11-01'),
('500000','重庆','渝','domain.md T1; ABBR-CODE','2026-11-01'),
('510000','四川','蜀','domain.md T1; ABBR-CODE','2026-11-01'),
('520000','贵州','黔','domain.md T1; ABBR-CODE','2026-11-01'),
('530000','云南','滇','domain.md T1; ABBR-CODE','2026-11-01'),
('540000','西藏','藏','domain.md T1; ABBR-CODE','2026-11-01'),
('610000','陕西','陕','domain.md T1; ABBR-CODE','2026-11-01'),
('620000','甘肃','陇','domain.md T1; ABBR-CODE','2026-11-01'),
('630000','青海','青','domain.md T1; ABBR-CODE','2026-11-01'),
('640000','宁夏','宁','domain.md T1; ABBR-CODE','2026-11-01'),
('650000','新疆','新','domain.md T1; ABBR-CODE','2026-11-01');

-- T6: subject nature (主办单位性质); slug is what the CLI and API use.
CREATE TABLE subject_nature (
  slug       VARCHAR(24) NOT NULL PRIMARY KEY,
  miit_code  INT         NOT NULL,
  name       VARCHAR(32) NOT NULL,
  personal   TINYINT(1)  NOT NULL,
  source     VARCHAR(64) NOT NULL,
  as_of      DATE        NOT NULL,
  UNIQUE KEY subject_nature_code (miit_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO subject_nature VALUES
('government','2','政府机关',0,'domain.md T6 (BATOOLS, WX-ICP)','2026-11-01'),
('institution','3','事业单位',0,'domain.md T6 (BATOOLS, WX-ICP)','2026-11-01'),
('enterprise','4','企业',0,'domain.md T6 (BATOOLS, WX-ICP)','2026-11-01'),
('personal','5','个人',1,'domain.md T6 (BATOOLS, WX-ICP)','2026-11-01'),
('social_org','6','社会团体',0,'domain.md T6 (BATOOLS, WX-ICP)','2026-11-01'),
('private_non_enterprise','9','民办非企业单位',0,'domain.md T6 (BATOOLS, WX-ICP)','2026-11-01'),
('foundation','10','基金会',0,'domain.md T6 (BATOOLS, WX-ICP)','2026-11-01');

-- T6: certificate types, of subjects and of persons.
CREATE TABLE cert_type (
  code      INT         NOT NULL PRIMARY KEY,
  name      VARCHAR(40) NOT NULL,
  personal  TINYINT(1)  NOT NULL,             -- a person's ID, not an organisation's
  source    VARCHAR(64) NOT NULL,
  as_of     DATE        NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO cert_type VALUES
(1,'营业执照（个人或企业）',0,'domain.md T6 (BATOOLS, WX-ICP)','2026-11-01'),
(2,'居民身份证',1,'domain.md T6 (BATOOLS, WX-ICP)','2026-11-01'),
(4,'事业单位法人证书',0,'domain.md T6 (BATOOLS, WX-ICP)','2026-11-01'),
(6,'社会团体法人登记证书',0,'domain.md T6 (BATOOLS, WX-ICP)','2026-11-01'),
(7,'护照',1,'domain.md T6 (BATOOLS, WX-ICP)','2026-11-01'),
(11,'台湾居民来往大陆通行证',1,'domain.md T6 (BATOOLS, WX-ICP)','2026-11-01'),
(13,'统一社会信用代码证书',0,'domain.md T6 (BATOOLS, WX-ICP)','2026-11-01'),
(14,'港澳居民来往内陆通行证',1,'domain.md T6 (BATOOLS, WX-ICP)','2026-11-01'),
(17,'民办非企业单位登记证书',0,'domain.md T6 (BATOOLS, WX-ICP)','2026-11-01'),
(19,'基金会法人登记证书',0,'domain.md T6 (BATOOLS, WX-ICP)','2026-11-01'),
(30,'外国人永久居留身份证',1,'domain.md T6 (BATOOLS, WX-ICP)','2026-11-01'),
(41,'港澳居民居住证',1,'domain.md T6 (BATOOLS, WX-ICP)','2026-11-01'),
(42,'台湾居民居住证',1,'domain.md T6 (BATOOLS, WX-ICP)','2026-11-01');

-- T8: hosting products and how many filing service numbers one instance
-- may ever have (numbers are single-use; renewing adds none).
CREATE TABLE product_type (
  slug       VARCHAR(16) NOT NULL PRIMARY KEY,
  name       VARCHAR(32) NOT NULL,
  sin_quota  INT         NOT NULL,
  source     VARCHAR(64) NOT NULL,
  as_of      DATE        NOT NULL,
  CONSTRAINT product_type_quota CHECK (sin_quota BETWEEN 0 AND 1000)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO product_type VALUES
('ecs','云服务器 ECS',5,'domain.md T8 (AL-36938, AL-ACCESS)','2026-11-01'),
('swas','轻量应用服务器',5,'domain.md T8 (AL-ACCESS)','2026-11-01'),
('market','云市场产品',1,'domain.md T8 (AL-LIMITS)','2026-11-01');

-- Scalar rules: eligibility thresholds and limits.  A rule whose value is
-- 0 is off.  message is what the applicant reads when the rule refuses.
CREATE TABLE rule_setting (
  name     VARCHAR(48)  NOT NULL PRIMARY KEY,
  value    BIGINT       NOT NULL,
  message  VARCHAR(255) NOT NULL,
  source   VARCHAR(64)  NOT NULL,
  as_of    DATE         NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO rule_setting VALUES
('instance_min_subscription_months',3,'该实例为包年包月但购买时长不足 3 个月，不能用于备案。请续费至 3 个月或以上后再验证。','domain.md §6 (AL-36938, AL-86396)','2026-11-01'),
('instance_forbid_payg',1,'该实例为按量付费，不能用于备案。请使用包年包月、购买时长 3 个月或以上的实例。','domain.md §6 (AL-36938)','2026-11-01'),
('instance_require_public_ip',1,'该实例没有公网 IP，不能用于备案。请为实例分配公网 IP 后再验证。','domain.md §6 (AL-36938, AL-BSN)','2026-11-01'),
('instance_require_mainland',1,'该实例不在中国内地地域，不能用于备案。请使用中国内地地域的实例。','domain.md §6 (AL-36938)','2026-11-01'),
('instance_require_running',1,'该实例已停止运行，不能用于备案。请启动实例后再验证。','domain.md §6 (AL-BSN: only running instances)','2026-11-01'),
('instance_forbid_expired',1,'该实例已过期，不能用于备案。请续费后再验证。','domain.md §6 (AL-ACCESS, TC-REVIEW)','2026-11-01'),
('order_max_service_numbers',10,'一个订单最多验证 10 个备案服务号（每个新增网站一个）。','domain.md §6 (one SIN per website), §7.2','2026-11-01'),
('order_ttl_days',45,'订单创建后 45 天内未完成将被清理。','domain.md §5.2, T7 (AL-CLEAN)','2026-11-01'),
('sin_issue_max_per_call',20,'每次最多生成 20 个备案服务号。','domain.md §6 (AL-BSN 603)','2026-11-01');

-- The formats a filing service number may have.  Input is trimmed,
-- upper-cased and stripped of spaces before it is matched (POSIX ERE).
CREATE TABLE sin_format (
  id       INT          NOT NULL PRIMARY KEY,
  pattern  VARCHAR(200) NOT NULL,
  example  VARCHAR(40)  NOT NULL,
  active   TINYINT(1)   NOT NULL DEFAULT 1,
  source   VARCHAR(64)  NOT NULL,
  as_of    DATE         NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Numbers beian issues: 4 groups of 4 Crockford base-32 characters (no I,
-- L, O, U: nothing to misread from a screenshot).  domain.md §21 Q1: the
-- real providers' format is undocumented, so this one is ours.
INSERT INTO sin_format VALUES
(1,'^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$','7K3M-9QXD-2F8H-VW4P',1,'beian (domain.md §6, §21 Q1)','2026-11-28');

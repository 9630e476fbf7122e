-- Website information: the reference lists and the rules of naming,
-- domains and provinces (issue: website information and rules engine).
-- Every row has its source (domain.md keys) and the date it was true.

-- Domain suffixes approved by MIIT (domain.md §10), in their ASCII form.
CREATE TABLE domain_suffix (
  suffix   VARCHAR(63)  NOT NULL PRIMARY KEY,
  display  VARCHAR(63)  NOT NULL,
  source   VARCHAR(64)  NOT NULL,
  as_of    DATE         NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO domain_suffix (suffix, display, source, as_of) VALUES
('cn','cn','domain.md §10 (MIIT-approved TLDs)','2026-11-01'),
('com.cn','com.cn','domain.md §10','2026-11-01'),
('net.cn','net.cn','domain.md §10','2026-11-01'),
('org.cn','org.cn','domain.md §10','2026-11-01'),
('gov.cn','gov.cn','domain.md §10 (党政机关)','2026-11-01'),
('ac.cn','ac.cn','domain.md §10','2026-11-01'),
('com','com','domain.md §10','2026-11-01'),
('net','net','domain.md §10','2026-11-01'),
('org','org','domain.md §10','2026-11-01'),
('info','info','domain.md §10','2026-11-01'),
('biz','biz','domain.md §10','2026-11-01'),
('cc','cc','domain.md §10','2026-11-01'),
('tv','tv','domain.md §10','2026-11-01'),
('top','top','domain.md §10','2026-11-01'),
('xyz','xyz','domain.md §10','2026-11-01'),
('vip','vip','domain.md §10','2026-11-01'),
('club','club','domain.md §10','2026-11-01'),
('shop','shop','domain.md §10','2026-11-01'),
('site','site','domain.md §10','2026-11-01'),
('online','online','domain.md §10','2026-11-01'),
('tech','tech','domain.md §10','2026-11-01'),
('store','store','domain.md §10','2026-11-01'),
('wang','wang','domain.md §10','2026-11-01'),
('ltd','ltd','domain.md §10','2026-11-01'),
('group','group','domain.md §10','2026-11-01'),
('work','work','domain.md §10','2026-11-01'),
('ink','ink','domain.md §10','2026-11-01'),
('fun','fun','domain.md §10','2026-11-01'),
('art','art','domain.md §10','2026-11-01'),
('link','link','domain.md §10','2026-11-01'),
('xn--fiqs8s','中国','domain.md §10','2026-11-01'),
('xn--55qx5d','公司','domain.md §10','2026-11-01'),
('xn--io0a7i','网络','domain.md §10','2026-11-01'),
('xn--3ds443g','在线','domain.md §10','2026-11-01'),
('xn--czru2d','商城','domain.md §10','2026-11-01'),
('xn--zfr164b','政务','domain.md §10 (党政机关)','2026-11-01'),
('xn--55qw42g','公益','domain.md §10 (事业单位)','2026-11-01');

-- T4: 网站服务内容 (bitmask codes of MIIT-style systems).
CREATE TABLE content_type (
  code    BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  name    VARCHAR(32)  NOT NULL,
  source  VARCHAR(64)  NOT NULL,
  as_of   DATE         NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO content_type VALUES
(1,'即时通信','domain.md T4 (BATOOLS)','2026-11-01'),
(2,'搜索引擎','domain.md T4 (BATOOLS)','2026-11-01'),
(4,'综合门户','domain.md T4 (BATOOLS)','2026-11-01'),
(8,'网上邮局','domain.md T4 (BATOOLS)','2026-11-01'),
(16,'网络新闻','domain.md T4 (BATOOLS)','2026-11-01'),
(32,'博客/个人空间','domain.md T4 (BATOOLS)','2026-11-01'),
(64,'网络广告/信息','domain.md T4 (BATOOLS)','2026-11-01'),
(128,'单位门户网站','domain.md T4 (BATOOLS)','2026-11-01'),
(256,'网络购物','domain.md T4 (BATOOLS)','2026-11-01'),
(512,'网上支付','domain.md T4 (BATOOLS)','2026-11-01'),
(1024,'网上银行','domain.md T4 (BATOOLS)','2026-11-01'),
(2048,'网上炒股/股票基金','domain.md T4 (BATOOLS)','2026-11-01'),
(4096,'网络游戏','domain.md T4 (BATOOLS)','2026-11-01'),
(8192,'网络音乐','domain.md T4 (BATOOLS)','2026-11-01'),
(16384,'网络影视','domain.md T4 (BATOOLS)','2026-11-01'),
(32768,'网络图片','domain.md T4 (BATOOLS)','2026-11-01'),
(65536,'网络软件/下载','domain.md T4 (BATOOLS)','2026-11-01'),
(131072,'网上求职','domain.md T4 (BATOOLS)','2026-11-01'),
(262144,'网上交友/婚介','domain.md T4 (BATOOLS)','2026-11-01'),
(524288,'网上房产','domain.md T4 (BATOOLS)','2026-11-01'),
(1048576,'网络教育','domain.md T4 (BATOOLS)','2026-11-01'),
(2097152,'网站建设','domain.md T4 (BATOOLS)','2026-11-01'),
(4194304,'WAP','domain.md T4 (BATOOLS)','2026-11-01'),
(8388608,'其他','domain.md T4 (BATOOLS)','2026-11-01');

-- T5: 网站语言.
CREATE TABLE site_language (
  code    INT          NOT NULL PRIMARY KEY,
  name    VARCHAR(16)  NOT NULL,
  source  VARCHAR(64)  NOT NULL,
  as_of   DATE         NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO site_language VALUES
(1,'中文简体','domain.md T5 (BATOOLS)','2026-11-01'),
(2,'中文繁体','domain.md T5 (BATOOLS)','2026-11-01'),
(3,'维吾尔语','domain.md T5 (BATOOLS)','2026-11-01'),
(4,'哈萨克语','domain.md T5 (BATOOLS)','2026-11-01'),
(5,'柯尔克孜语','domain.md T5 (BATOOLS)','2026-11-01'),
(6,'蒙古语','domain.md T5 (BATOOLS)','2026-11-01'),
(7,'藏语','domain.md T5 (BATOOLS)','2026-11-01'),
(8,'壮语','domain.md T5 (BATOOLS)','2026-11-01'),
(9,'朝鲜语','domain.md T5 (BATOOLS)','2026-11-01'),
(10,'彝文','domain.md T5 (BATOOLS)','2026-11-01'),
(11,'苗语','domain.md T5 (BATOOLS)','2026-11-01'),
(12,'英语','domain.md T5 (BATOOLS)','2026-11-01'),
(13,'日语','domain.md T5 (BATOOLS)','2026-11-01'),
(14,'法语','domain.md T5 (BATOOLS)','2026-11-01'),
(15,'俄罗斯语','domain.md T5 (BATOOLS)','2026-11-01'),
(16,'西班牙语','domain.md T5 (BATOOLS)','2026-11-01'),
(17,'阿拉伯语','domain.md T5 (BATOOLS)','2026-11-01');

-- §11: pre-approvals (前置审批), MIIT bitmask codes.
CREATE TABLE preapproval_type (
  code       INT          NOT NULL PRIMARY KEY,
  name       VARCHAR(32)  NOT NULL,
  authority  VARCHAR(128) NOT NULL,
  source     VARCHAR(64)  NOT NULL,
  as_of      DATE         NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO preapproval_type VALUES
(1,'新闻','省级政府新闻办公室：《互联网新闻信息服务许可证》','domain.md §11.1 (TC-PREAPPROVAL)','2026-11-01'),
(2,'出版','省级新闻出版主管部门：《互联网出版许可证》','domain.md §11.1','2026-11-01'),
(4,'教育','省级教育主管部门（以管局要求为准）','domain.md §11.1','2026-11-01'),
(8,'医疗保健','省级卫生主管部门（以管局要求为准）','domain.md §11.1','2026-11-01'),
(16,'药品和医疗器械','省级药品监督管理部门：《互联网药品信息服务资格证书》','domain.md §11.1','2026-11-01'),
(32,'电子公告服务','省通信管理局（以管局要求为准）','domain.md §11.1','2026-11-01'),
(256,'文化','文化主管部门：《网络文化经营许可证》','domain.md §11.1','2026-11-01'),
(512,'广播电影电视节目','广播电视主管部门：《信息网络传播视听节目许可证》','domain.md §11.1','2026-11-01'),
(2048,'网络预约车','城市交通主管部门：《网络预约出租汽车经营许可证》','domain.md §11.1','2026-11-01'),
(4096,'互联网金融','人民银行、地方金融监管等','domain.md §11.1','2026-11-01'),
(8192,'校外培训（高中及以下阶段）','教育主管部门','domain.md §11.1','2026-11-01'),
(16384,'宗教','宗教事务主管部门','domain.md §11.1','2026-11-01');

-- Naming rules (domain.md §9).  kind:
--   forbidden_prefix   the name must not start with word (applies_to)
--   sensitive          the name must not contain word
--   personal_forbidden a personal subject's name must not contain word
--   needs_preapproval  containing word needs preapproval_code
--   province_pattern   in province, names of applies_to must match the
--                      POSIX ERE in word (e.g. Jiangsu personal sites)
-- applies_to: all, non_state (not a government subject), personal,
-- organisation.  severity: error blocks saving, warning is shown.
CREATE TABLE name_rule (
  id                INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind              VARCHAR(24)  NOT NULL,
  word              VARCHAR(200) NOT NULL,
  applies_to        VARCHAR(16)  NOT NULL DEFAULT 'all',
  province          CHAR(6)      NULL,
  preapproval_code  INT          NULL,
  severity          VARCHAR(8)   NOT NULL DEFAULT 'error',
  message           VARCHAR(255) NOT NULL,
  source            VARCHAR(64)  NOT NULL,
  as_of             DATE         NOT NULL,
  CONSTRAINT name_rule_kind CHECK (kind IN ('forbidden_prefix', 'sensitive',
    'personal_forbidden', 'needs_preapproval', 'province_pattern')),
  CONSTRAINT name_rule_applies CHECK (applies_to IN ('all', 'non_state',
    'personal', 'organisation')),
  CONSTRAINT name_rule_severity CHECK (severity IN ('error', 'warning')),
  CONSTRAINT name_rule_province_fk FOREIGN KEY (province) REFERENCES province (code),
  CONSTRAINT name_rule_preapproval_fk FOREIGN KEY (preapproval_code) REFERENCES preapproval_type (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO name_rule (kind, word, applies_to, province, preapproval_code, severity, message, source, as_of) VALUES
('forbidden_prefix','中国','non_state',NULL,NULL,'error','网站名称不能以“中国”开头：非国家机关主体不得使用','domain.md §9.1 (AL-REJECT, TC-REJECT)','2026-11-01'),
('forbidden_prefix','中华','non_state',NULL,NULL,'error','网站名称不能以“中华”开头：非国家机关主体不得使用','domain.md §9.1','2026-11-01'),
('forbidden_prefix','中央','non_state',NULL,NULL,'error','网站名称不能以“中央”开头：非国家机关主体不得使用','domain.md §9.1','2026-11-01'),
('forbidden_prefix','人民','non_state',NULL,NULL,'error','网站名称不能以“人民”开头：非国家机关主体不得使用','domain.md §9.1','2026-11-01'),
('forbidden_prefix','人大','non_state',NULL,NULL,'error','网站名称不能以“人大”开头：非国家机关主体不得使用','domain.md §9.1','2026-11-01'),
('forbidden_prefix','国家','non_state',NULL,NULL,'error','网站名称不能以“国家”开头：非国家机关主体不得使用','domain.md §9.1','2026-11-01'),
('sensitive','反腐','all',NULL,NULL,'error','网站名称不能包含敏感词“反腐”','domain.md §9.1 (AL-REJECT, HW-KB)','2026-11-01'),
('sensitive','纪检','all',NULL,NULL,'error','网站名称不能包含敏感词“纪检”','domain.md §9.1 (HW-KB)','2026-11-01'),
('sensitive','监察','all',NULL,NULL,'error','网站名称不能包含敏感词“监察”','domain.md §9.1 (HW-KB)','2026-11-01'),
('sensitive','信访','all',NULL,NULL,'error','网站名称不能包含敏感词“信访”','domain.md §9.1 (HW-KB)','2026-11-01'),
('sensitive','维权','all',NULL,NULL,'error','网站名称不能包含敏感词“维权”','domain.md §9.1 (HW-KB)','2026-11-01'),
('sensitive','投诉','all',NULL,NULL,'error','网站名称不能包含敏感词“投诉”','domain.md §9.1 (HW-KB)','2026-11-01'),
('sensitive','赌博','all',NULL,NULL,'error','网站名称不能包含敏感词“赌博”','domain.md §9.1 (AL-REJECT)','2026-11-01'),
('sensitive','廉政','all',NULL,NULL,'error','网站名称不能包含敏感词“廉政”','domain.md §9.1 (AL-REJECT)','2026-11-01'),
('sensitive','色情','all',NULL,NULL,'error','网站名称不能包含敏感词“色情”','domain.md §9.1 (TC-REJECT)','2026-11-01'),
('personal_forbidden','导航','personal',NULL,NULL,'error','个人网站名称不能包含“导航”','domain.md §9.3 (XINNET)','2026-11-01'),
('personal_forbidden','工作室','personal',NULL,NULL,'error','个人网站名称不能包含“工作室”：涉及经营的网站需以单位主体备案','domain.md §9.3 (XINNET)','2026-11-01'),
('personal_forbidden','论坛','personal',NULL,NULL,'error','个人网站名称不能包含“论坛”','domain.md §9.3 (XINNET)','2026-11-01'),
('personal_forbidden','平台','personal',NULL,NULL,'error','个人网站名称不能包含“平台”','domain.md §9.3 (XINNET)','2026-11-01'),
('personal_forbidden','热线','personal',NULL,NULL,'error','个人网站名称不能包含“热线”','domain.md §9.3 (XINNET)','2026-11-01'),
('personal_forbidden','社区','personal',NULL,NULL,'error','个人网站名称不能包含“社区”','domain.md §9.3 (XINNET)','2026-11-01'),
('personal_forbidden','社团','personal',NULL,NULL,'error','个人网站名称不能包含“社团”','domain.md §9.3 (XINNET)','2026-11-01'),
('personal_forbidden','网络','personal',NULL,NULL,'error','个人网站名称不能包含“网络”','domain.md §9.3 (XINNET)','2026-11-01'),
('personal_forbidden','网站','personal',NULL,NULL,'error','个人网站名称不能包含“网站”','domain.md §9.3 (XINNET)','2026-11-01'),
('personal_forbidden','网址','personal',NULL,NULL,'error','个人网站名称不能包含“网址”','domain.md §9.3 (XINNET)','2026-11-01'),
('personal_forbidden','主页','personal',NULL,NULL,'error','个人网站名称不能包含“主页”','domain.md §9.3 (XINNET)','2026-11-01'),
('personal_forbidden','资讯','personal',NULL,NULL,'error','个人网站名称不能包含“资讯”','domain.md §9.3 (XINNET)','2026-11-01'),
('personal_forbidden','官网','personal',NULL,NULL,'warning','个人网站名称含“官网”，多地管局会驳回：个人网站不宜使用企业类名称','domain.md §9.3 (AL-NAME-B)','2026-11-01'),
('personal_forbidden','商城','personal',NULL,NULL,'warning','个人网站名称含“商城”，多地管局会驳回：个人不能备案经营类网站','domain.md §9.3 (AL-NAME-B)','2026-11-01'),
('needs_preapproval','新闻',  'all',NULL,1,'error','网站名称含“新闻”需要新闻类前置审批，请添加审批号，或修改名称','domain.md §9.1, §11','2026-11-01'),
('needs_preapproval','论坛',  'organisation',NULL,32,'error','网站名称含“论坛”需要电子公告服务前置审批，请添加审批号，或修改名称','domain.md §9.1, §9.2 (XINNET)','2026-11-01'),
('needs_preapproval','出版',  'all',NULL,2,'error','网站名称含“出版”需要出版类前置审批','domain.md §11','2026-11-01'),
('needs_preapproval','药品',  'all',NULL,16,'error','网站名称含“药品”需要药品和医疗器械前置审批','domain.md §11','2026-11-01'),
('needs_preapproval','视频',  'all',NULL,512,'warning','网站名称含“视频”，如提供视听节目需要广播电影电视节目前置审批','domain.md §11','2026-11-01'),
('needs_preapproval','金融',  'all',NULL,4096,'error','网站名称含“金融”需要互联网金融类审批材料','domain.md §11 (TC-PREAPPROVAL)','2026-11-01'),
('needs_preapproval','理财',  'all',NULL,4096,'error','网站名称含“理财”需要互联网金融类审批材料','domain.md §11 (TC-PREAPPROVAL)','2026-11-01'),
('province_pattern','^.+的个人(博客|主页)$','personal','320000',NULL,'error','江苏省个人网站名称只能是“XX的个人博客”或“XX的个人主页”','domain.md §9.3 (TC-PROV-2017)','2026-11-01');

-- Province rules (domain.md T2).  province '000000' holds the national
-- default; a province row for the same rule and subject kind wins.
-- subject_kind: all, personal, organisation.  value: the number (0 off).
CREATE TABLE province_rule (
  province      CHAR(6)      NOT NULL,
  rule          VARCHAR(48)  NOT NULL,
  subject_kind  VARCHAR(16)  NOT NULL DEFAULT 'all',
  value         BIGINT       NOT NULL,
  message       VARCHAR(255) NOT NULL,
  source        VARCHAR(64)  NOT NULL,
  as_of         DATE         NOT NULL,
  PRIMARY KEY (province, rule, subject_kind),
  CONSTRAINT province_rule_kind CHECK (subject_kind IN ('all', 'personal', 'organisation'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO province_rule VALUES
('000000','max_websites_per_order','personal',1,'个人主体每个订单只能新增 1 个网站','domain.md §7.2 (TC-SITEINFO)','2026-11-01'),
('000000','max_websites_per_order','organisation',10,'单位主体每个订单最多新增 10 个网站','domain.md §7.2 (TC-SITEINFO)','2026-11-01'),
('000000','owner_min_age','all',18,'网站负责人须年满 18 周岁','domain.md §8 (TC-PROV-2017: most provinces)','2026-11-01'),
('000000','min_id_validity_days','all',0,'证件须在有效期内','domain.md §8','2026-11-01'),
('000000','emergency_differs','all',1,'应急联系电话不能与手机号码相同','domain.md §8 (JD-PROV, HW-KB)','2026-11-01'),
('000000','domain_cert_required','all',0,'','domain.md T2','2026-11-01'),
('000000','min_domain_validity_days','all',0,'','domain.md §10','2026-11-01'),
('310000','min_id_validity_days','all',90,'上海：网站负责人证件有效期须超过 3 个月','domain.md §8 (TC-PROV-2017)','2026-11-01'),
('420000','min_id_validity_days','all',90,'湖北：网站负责人证件有效期须超过 3 个月','domain.md §8 (AL-PROV Hubei)','2026-11-01'),
('420000','min_domain_validity_days','all',90,'湖北：域名有效期须超过 3 个月','domain.md §10 (AL-PROV)','2026-11-01'),
('520000','min_domain_validity_days','all',90,'贵州：域名有效期须不少于 3 个月','domain.md §10 (AL-PROV)','2026-11-01'),
('370000','min_domain_validity_days','all',45,'山东：域名有效期须超过 45 天','domain.md §10 (AL-PROV)','2026-11-01'),
('410000','min_domain_validity_days','all',90,'河南：域名有效期须超过 3 个月','domain.md §10 (TC-PROV-2017)','2026-11-01'),
('140000','max_domains_per_order','all',3,'山西：每个订单最多新增 3 个域名','domain.md §7.2 (HW-KB)','2026-11-01'),
('410000','max_domains_per_order','organisation',5,'河南：单位主体每次最多提交 5 个域名','domain.md §7.2 (HW-KB)','2026-11-01'),
('430000','max_websites_per_order','all',1,'湖南：每个订单只能新增 1 个网站','domain.md §7.2 (HW-KB, BAIDU)','2026-11-01'),
('420000','max_websites_per_order','all',1,'湖北：每个订单只能新增 1 个网站','domain.md §7.2 (BAIDU)','2026-11-01'),
('440000','owner_min_age','all',16,'广东：网站负责人须年满 16 周岁','domain.md §8 (TC-PROV-2017)','2026-11-01'),
('320000','domain_cert_required','all',1,'江苏：需上传订单中所有域名的域名证书','domain.md T2 (TC-PROV-2017, TCM, JD)','2026-11-01'),
('330000','domain_cert_required','all',1,'浙江：需上传域名证书','domain.md T2 (JD-PROV)','2026-11-01'),
('110000','domain_cert_required','all',1,'北京：需上传域名证书','domain.md T2 (JD-PROV)','2026-11-01'),
('310000','domain_cert_required','all',1,'上海：需上传域名证书','domain.md T2 (JD-PROV)','2026-11-01'),
('440000','domain_cert_required','all',1,'广东：需上传域名证书','domain.md T2 (JD-PROV)','2026-11-01'),
('430000','domain_cert_required','all',1,'湖南：需上传所有域名的域名证书','domain.md T2 (TC-PROV-2017, TCM)','2026-11-01'),
('440000','commitment_letter_required','all',1,'广东：自 2021-06-21 起所有备案需上传承诺书','domain.md §12 (HW-KB)','2026-11-01'),
('310000','leader_must_be_legal_rep','organisation',1,'上海：单位主体负责人须为法定代表人','domain.md T2','2026-11-01'),
('330000','leader_must_be_legal_rep','organisation',1,'浙江：单位主体负责人须为法定代表人','domain.md T2','2026-11-01'),
('440000','leader_must_be_legal_rep','organisation',1,'广东：单位主体负责人须为法定代表人','domain.md T2','2026-11-01'),
('310000','auth_letter_when_owner_not_legal_rep','organisation',1,'上海：网站负责人不是法定代表人时需上传授权书','domain.md T2 (T17, JD, TCF)','2026-11-01'),
('420000','auth_letter_when_owner_not_legal_rep','organisation',1,'湖北：网站负责人不是法定代表人时需上传授权书','domain.md T2 (AL, TCF)','2026-11-01'),
('430000','auth_letter_when_owner_not_legal_rep','organisation',1,'湖南：网站负责人不是法定代表人时需上传授权书','domain.md T2','2026-11-01'),
('110000','local_mobile','all',1,'北京：负责人手机号码须为本地号码（可能被管局驳回）','domain.md T2 (T17)','2026-11-01'),
('230000','local_mobile','all',1,'黑龙江：负责人手机号码须为本地号码（可能被管局驳回）','domain.md T2 (T17)','2026-11-01'),
('320000','local_mobile','all',1,'江苏：负责人手机号码须为本地号码（可能被管局驳回）','domain.md T2 (T17, JD)','2026-11-01');

-- Registrar and MIIT facts about domains (beian-admin domain set): who
-- holds it, whether real-name verified, until when, and any ICP number.
CREATE TABLE domain_fact (
  domain              VARCHAR(253) CHARACTER SET ascii NOT NULL PRIMARY KEY,
  holder              VARCHAR(100) NULL,
  holder_cert_number  VARCHAR(40)  NULL,
  realname            TINYINT(1)   NULL,
  expires_at          DATE         NULL,
  icp_number          VARCHAR(40)  NULL,
  updated_at          DATETIME     NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A website an order adds (step 5), with its owner.
CREATE TABLE order_website (
  id                 BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id           BIGINT UNSIGNED NOT NULL,
  name               VARCHAR(100) NOT NULL,
  domain             VARCHAR(253) NOT NULL,          -- Unicode form
  domain_ascii       VARCHAR(253) CHARACTER SET ascii NOT NULL,
  homepage_url       VARCHAR(500) NOT NULL,
  content_types      BIGINT UNSIGNED NOT NULL,       -- T4 bits
  languages          VARCHAR(100) CHARACTER SET ascii NOT NULL, -- "1,12"
  remark             VARCHAR(500) NOT NULL DEFAULT '',
  service_number_id  BIGINT UNSIGNED NOT NULL,
  owner_same_as_leader TINYINT(1) NOT NULL,
  owner_name         VARCHAR(50)  NOT NULL,
  owner_id_type      INT          NOT NULL,
  owner_id_number    VARCHAR(40)  NOT NULL,
  owner_id_valid_until DATE       NULL,              -- NULL: long-term
  owner_mobile       VARCHAR(20)  NOT NULL,
  owner_emergency    VARCHAR(20)  NOT NULL,
  owner_email        VARCHAR(254) NOT NULL,
  created_at         DATETIME     NOT NULL,
  updated_at         DATETIME     NOT NULL,
  UNIQUE KEY order_website_domain (order_id, domain_ascii),
  UNIQUE KEY order_website_sin (service_number_id),
  KEY order_website_order (order_id),
  CONSTRAINT order_website_order_fk FOREIGN KEY (order_id) REFERENCES filing_order (id),
  CONSTRAINT order_website_sin_fk FOREIGN KEY (service_number_id) REFERENCES service_number (id),
  CONSTRAINT order_website_id_type_fk FOREIGN KEY (owner_id_type) REFERENCES cert_type (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE order_website_preapproval (
  website_id  BIGINT UNSIGNED NOT NULL,
  type_code   INT          NOT NULL,
  number      VARCHAR(64)  NOT NULL,
  PRIMARY KEY (website_id, type_code),
  CONSTRAINT owp_website_fk FOREIGN KEY (website_id) REFERENCES order_website (id) ON DELETE CASCADE,
  CONSTRAINT owp_type_fk FOREIGN KEY (type_code) REFERENCES preapproval_type (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The catalogue: the one DDL (pipeline/load.py runs it; Datasette serves the result).
--
-- Ids never come from a counter: a document's id is sha256 of its source's path + its
-- ordinal (pipeline/catalogue/keys.py document_id), so an edited file's documents keep
-- their ids and pages; child rows are `<document id>:<n>`. sources.sha256 detects changes:
-- re-ingesting unchanged files writes nothing, and a changed file replaces its rows
-- (deleting a `sources` row cascades to everything loaded from it).
-- Offsets (`start`, `end`) are code points into documents.text, end exclusive;
-- `raw_start`, `raw_end` point into sources.raw_text. Lists are JSON arrays.
-- Bump SCHEMA_VERSION in pipeline/load.py when this file changes: an older catalogue
-- is then dropped and rebuilt from the files (it is derived data).

PRAGMA foreign_keys = ON;

CREATE TABLE IF NOT EXISTS catalogue_meta (
  key TEXT PRIMARY KEY,        -- schema_version, fts_version
  value TEXT                   -- its value
);

CREATE TABLE IF NOT EXISTS runs (
  id TEXT PRIMARY KEY,         -- UTC start time with microseconds + process id (one run = one ingest command)
  started_at TEXT NOT NULL,    -- ISO 8601 UTC
  finished_at TEXT,            -- NULL while running, or when the run was killed
  seconds REAL,                -- wall time
  status TEXT NOT NULL,        -- running | done | failed
  version TEXT NOT NULL,       -- loader version + every extractor's versioned id
  paths TEXT,                  -- JSON array of the paths given
  workers INTEGER,             -- worker processes used (1 = in process)
  force INTEGER,               -- 1 when unchanged files were re-extracted on purpose
  files INTEGER,               -- files seen
  changed INTEGER,             -- new or changed files loaded
  unchanged INTEGER,           -- files skipped (same size+mtime, or same sha256)
  pruned INTEGER,              -- sources deleted because their file is gone (--prune)
  documents INTEGER,           -- documents written by this run
  problems INTEGER,            -- problems recorded by this run
  problems_by_code TEXT        -- JSON object code -> count
);

CREATE TABLE IF NOT EXISTS sources (
  path TEXT PRIMARY KEY,       -- file path relative to the ingest folder (absolute when outside it)
  url TEXT,                    -- URL it was fetched from (crawler), else NULL
  sha256 TEXT NOT NULL,        -- hash of the bytes ('' when unreadable)
  format TEXT,                 -- sniffed: html, mhtml, doc, docx, xls, xlsx, pdf, ofd, image, text
  encoding TEXT,               -- codec the reader decoded it with
  bytes INTEGER NOT NULL,      -- file size
  mtime_ns INTEGER,            -- modification time seen at load (NULL: always re-check)
  fetched_at TEXT,             -- when the crawler fetched it
  referrer TEXT,               -- path or URL of the notice page that linked to this file (attachments)
  same_content_as TEXT,        -- path of an identical file already catalogued (its documents live there)
  raw_text TEXT,               -- the reader's decoded text of the whole file (raw offsets point here)
  documents INTEGER NOT NULL DEFAULT 0,  -- documents loaded from it
  problems INTEGER NOT NULL DEFAULT 0,   -- problems recorded for it
  extractors TEXT NOT NULL,    -- the version signature it was extracted with (a new one re-extracts)
  run_id TEXT REFERENCES runs(id) ON DELETE SET NULL,  -- run that loaded it
  text_source TEXT             -- where its text came from: text-layer (the file's own characters), ocr, mixed
);
CREATE INDEX IF NOT EXISTS sources_referrer ON sources(referrer);
CREATE INDEX IF NOT EXISTS sources_same_content_as ON sources(same_content_as);
-- finds a file with the same bytes already catalogued (its documents are not stored twice)
CREATE INDEX IF NOT EXISTS sources_sha256 ON sources(sha256);
-- covers the ingest plan's read of every source (path, hash, size, mtime, signature): without it
-- the scan walks each row's raw_text overflow pages to reach the columns stored after it
CREATE INDEX IF NOT EXISTS sources_plan ON sources(path, sha256, bytes, mtime_ns, extractors);

CREATE TABLE IF NOT EXISTS documents (
  id TEXT PRIMARY KEY,         -- sha256(source path : ordinal)[:16]: stays when the file is edited
  search_key INTEGER NOT NULL UNIQUE,  -- integer form of id (60 bits): rowid in documents_fts
  source TEXT NOT NULL REFERENCES sources(path) ON DELETE CASCADE,  -- file it came from
  ordinal INTEGER NOT NULL,    -- its place among the documents of that file (0-based)
  work_key TEXT NOT NULL,      -- same value = same document reposted (see view works)
  title TEXT,                  -- 标题
  doc_number TEXT,             -- 发文字号 as printed
  doc_number_norm TEXT,        -- 发文字号 with brackets folded to 〔〕 (citations join on it)
  issuer TEXT,                 -- 发文机关 (joint issuers joined with 、)
  signed_date TEXT,            -- 成文日期 YYYY-MM-DD | YYYY-MM | YYYY
  published_date TEXT,         -- the page's 发布 date
  year INTEGER,                -- year of signed_date, else of published_date
  doc_type TEXT,               -- 文种: 通知, 意见, 方案, ...
  topic TEXT,                  -- 主题分类 from the title (pipeline/catalogue/data/topics.tsv; 其他 when none)
  province TEXT,               -- region the document is about or from
  city TEXT,                   -- city (市) the document is about or from
  portal_source TEXT,          -- 来源 the portal printed
  printer TEXT,                -- 印发机关 (版记)
  printed_date TEXT,           -- 印发日期
  note TEXT,                   -- 附注 such as （此件公开发布）
  recipients TEXT,             -- JSON array: 主送机关
  cc TEXT,                     -- JSON array: 抄送机关
  attachments TEXT,            -- JSON array: 附件 names
  cited_doc_numbers TEXT,      -- JSON array: 发文字号 cited
  responsible_units TEXT,      -- JSON array: 责任/牵头/配合单位 names
  deadlines TEXT,              -- JSON array: YYYY-MM-DD
  quotas TEXT,                 -- JSON array of {text, min, max, unit, approx} (see table quotas)
  contacts TEXT,               -- JSON array of {name, phone}
  chars INTEGER NOT NULL,      -- length of text
  text TEXT NOT NULL,          -- normalized text (what extractors read; offsets point here)
  original_text TEXT,          -- normalized text before traditional->simplified folding (NULL: same as text)
  raw_start INTEGER,           -- where the document starts in sources.raw_text
  raw_end INTEGER,             -- where it ends
  text_source TEXT,            -- text-layer (the file's own characters), ocr (read from page images), mixed
  ocr_confidence REAL          -- mean OCR recogniser score (0-1) over its file's OCRed characters; NULL: no OCR
);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source);
CREATE INDEX IF NOT EXISTS documents_work_key ON documents(work_key);
CREATE INDEX IF NOT EXISTS documents_doc_number_norm ON documents(doc_number_norm);
CREATE INDEX IF NOT EXISTS documents_issuer ON documents(issuer);
CREATE INDEX IF NOT EXISTS documents_year ON documents(year);
CREATE INDEX IF NOT EXISTS documents_doc_type ON documents(doc_type);
CREATE INDEX IF NOT EXISTS documents_province ON documents(province);
CREATE INDEX IF NOT EXISTS documents_signed_date ON documents(signed_date);
CREATE INDEX IF NOT EXISTS documents_topic ON documents(topic);
-- A search's facets read their columns for each match from this index alone (no row reads).
CREATE INDEX IF NOT EXISTS documents_search_key_facets ON documents(search_key, year, doc_type, province, issuer, topic);

-- Search: every CJK character of these columns is paired with the next one
-- (pipeline/catalogue/fts.py, `bigrams`), and Datasette's search box is pointed at documents_fts.
CREATE TABLE IF NOT EXISTS documents_search (
  search_key INTEGER PRIMARY KEY REFERENCES documents(search_key) ON DELETE CASCADE,  -- documents.search_key
  title TEXT,                  -- title as character pairs
  meta TEXT,                   -- doc number, issuer, recipients, units, attachments as pairs
  body TEXT                    -- text as character pairs
);
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
  title, meta, body, content='documents_search', content_rowid='search_key', tokenize='unicode61'
);
CREATE TRIGGER IF NOT EXISTS documents_search_ai AFTER INSERT ON documents_search BEGIN
  INSERT INTO documents_fts(rowid, title, meta, body) VALUES (new.search_key, new.title, new.meta, new.body);
END;
CREATE TRIGGER IF NOT EXISTS documents_search_ad AFTER DELETE ON documents_search BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, meta, body)
  VALUES ('delete', old.search_key, old.title, old.meta, old.body);
END;
CREATE TRIGGER IF NOT EXISTS documents_search_au AFTER UPDATE ON documents_search BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, meta, body)
  VALUES ('delete', old.search_key, old.title, old.meta, old.body);
  INSERT INTO documents_fts(rowid, title, meta, body) VALUES (new.search_key, new.title, new.meta, new.body);
END;

CREATE TABLE IF NOT EXISTS sections (
  id TEXT PRIMARY KEY,         -- <document id>:<n>
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,  -- the document (documents.id)
  path TEXT,                   -- outline path such as 二/（三）/2
  marker TEXT,                 -- the printed marker: 一、 （三） 2.
  level INTEGER,               -- depth, 1 = top
  heading TEXT,                -- heading text after the marker
  start INTEGER NOT NULL,      -- the whole section, heading to end
  "end" INTEGER NOT NULL,      -- evidence span end (exclusive)
  raw_start INTEGER,           -- span start in sources.raw_text
  raw_end INTEGER              -- span end in sources.raw_text
);
CREATE INDEX IF NOT EXISTS sections_document_id ON sections(document_id);

CREATE TABLE IF NOT EXISTS directives (
  id TEXT PRIMARY KEY,         -- <document id>:<n>
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,  -- the document (documents.id)
  section TEXT,                -- outline path of the section it is in
  text TEXT NOT NULL,          -- the directive as printed (要求/任务 sentence)
  start INTEGER NOT NULL,      -- evidence span start in documents.text
  "end" INTEGER NOT NULL,      -- evidence span end (exclusive)
  raw_start INTEGER,           -- span start in sources.raw_text
  raw_end INTEGER              -- span end in sources.raw_text
);
CREATE INDEX IF NOT EXISTS directives_document_id ON directives(document_id);

CREATE TABLE IF NOT EXISTS quotas (
  id TEXT PRIMARY KEY,         -- <document id>:<n>
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,  -- the document (documents.id)
  text TEXT NOT NULL,          -- as printed: 不少于2000人次
  min REAL,                    -- lower bound (不少于N, N以上, a bare N)
  max REAL,                    -- upper bound (不超过N, N以内, a bare N)
  unit TEXT,                   -- unit as printed: 人次, 名, 万元, %
  approx INTEGER,              -- 1 for 左右, 约, 余, 多
  subject TEXT,                -- what is counted (义诊, 诊疗服务, ...)
  frequency TEXT,              -- per what period (每年, 每月, ...)
  scope TEXT,                  -- who must meet it (每个县, 各医院, ...)
  section TEXT,                -- outline path of the section it is in
  start INTEGER NOT NULL,      -- evidence span start in documents.text
  "end" INTEGER NOT NULL,      -- evidence span end (exclusive)
  raw_start INTEGER,           -- span start in sources.raw_text
  raw_end INTEGER              -- span end in sources.raw_text
);
CREATE INDEX IF NOT EXISTS quotas_document_id ON quotas(document_id);
CREATE INDEX IF NOT EXISTS quotas_unit ON quotas(unit);

CREATE TABLE IF NOT EXISTS organizations (
  name TEXT PRIMARY KEY,       -- canonical name (extractors.orgs.describe_org)
  kind TEXT,                   -- government, health commission, hospital, ...
  province TEXT,               -- province (省) the organization belongs to
  city TEXT                    -- city (市) the organization belongs to
);

CREATE TABLE IF NOT EXISTS document_orgs (
  id TEXT PRIMARY KEY,         -- <document id>:<role>:<n>
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,  -- the document (documents.id)
  organization TEXT NOT NULL REFERENCES organizations(name),  -- canonical name
  name TEXT NOT NULL,          -- as printed in this document
  role TEXT NOT NULL,          -- issuer | recipient | cc | lead | responsible | cooperating | printer
  section TEXT,                -- outline path where a unit is named responsible
  start INTEGER,               -- evidence span (NULL when not located)
  "end" INTEGER                -- evidence span end (exclusive)
);
CREATE INDEX IF NOT EXISTS document_orgs_document_id ON document_orgs(document_id);
CREATE INDEX IF NOT EXISTS document_orgs_organization ON document_orgs(organization, role);

CREATE TABLE IF NOT EXISTS dates (
  id TEXT PRIMARY KEY,         -- <document id>:<n>
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,  -- the document (documents.id)
  kind TEXT NOT NULL,          -- signed | published | printed | deadline | mention | period | relative_deadline
  value TEXT,                  -- YYYY-MM-DD | YYYY-MM | YYYY (a period's start)
  end_value TEXT,              -- a period's end
  precision TEXT,              -- day | month | year
  text TEXT,                   -- as printed
  anchor TEXT,                 -- relative deadline: counted from what (收到通知后)
  limit_text TEXT,             -- relative deadline: how long (30日内)
  start INTEGER,               -- evidence span start in documents.text
  "end" INTEGER                -- evidence span end (exclusive)
);
CREATE INDEX IF NOT EXISTS dates_document_id ON dates(document_id);
CREATE INDEX IF NOT EXISTS dates_kind_value ON dates(kind, value);

CREATE TABLE IF NOT EXISTS citations (
  id TEXT PRIMARY KEY,         -- <document id>:<n>
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,  -- the citing document
  doc_number TEXT NOT NULL,    -- cited 发文字号 as printed
  doc_number_norm TEXT NOT NULL,  -- folded like documents.doc_number_norm (join key)
  start INTEGER,               -- evidence span start in documents.text
  "end" INTEGER                -- evidence span end (exclusive)
);
CREATE INDEX IF NOT EXISTS citations_document_id ON citations(document_id);
CREATE INDEX IF NOT EXISTS citations_doc_number_norm ON citations(doc_number_norm);

CREATE TABLE IF NOT EXISTS attachments (
  id TEXT PRIMARY KEY,         -- <document id>:<n>
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,  -- the document (documents.id)
  position INTEGER NOT NULL,   -- 1-based order in the 附件 list
  name TEXT NOT NULL,          -- attachment name without numbering
  start INTEGER,               -- evidence span start in documents.text
  "end" INTEGER                -- evidence span end (exclusive)
);
CREATE INDEX IF NOT EXISTS attachments_document_id ON attachments(document_id);

CREATE TABLE IF NOT EXISTS contacts (
  id TEXT PRIMARY KEY,         -- <document id>:<n>
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,  -- the document (documents.id)
  name TEXT,                   -- 联系人
  phone TEXT,                  -- as printed
  kind TEXT,                   -- phone | fax | mobile | email
  start INTEGER,               -- evidence span start in documents.text
  "end" INTEGER                -- evidence span end (exclusive)
);
CREATE INDEX IF NOT EXISTS contacts_document_id ON contacts(document_id);

CREATE TABLE IF NOT EXISTS extractions (
  id TEXT PRIMARY KEY,         -- <document id>:<n>, n = place in Document.found
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,  -- the document (documents.id)
  field TEXT NOT NULL,         -- record field or catalogue-only field (section, date, page.title, ...)
  value TEXT,                  -- str as is; structured values as JSON
  evidence TEXT,               -- documents.text[start:end] (NULL past 200 characters: read it by offset)
  start INTEGER NOT NULL,      -- evidence span start in documents.text
  "end" INTEGER NOT NULL,      -- evidence span end (exclusive)
  raw_start INTEGER,           -- span start in sources.raw_text
  raw_end INTEGER,             -- span end in sources.raw_text
  rule TEXT,                   -- the rule that fired
  extractor TEXT,              -- versioned extractor id: quotas.v2
  chosen INTEGER NOT NULL,     -- 1 when the value made it into the record
  attrs TEXT                   -- JSON of Found.attrs (NULL when empty)
);
CREATE INDEX IF NOT EXISTS extractions_document_id ON extractions(document_id, start);
CREATE INDEX IF NOT EXISTS extractions_field ON extractions(field, chosen);

CREATE TABLE IF NOT EXISTS problems (
  id TEXT PRIMARY KEY,         -- sha256(source, sha256, ordinal, stage, code, message, span)[:16]
  source TEXT NOT NULL REFERENCES sources(path) ON DELETE CASCADE,  -- the file it concerns (sources.path)
  document_id TEXT,            -- the document it concerns (NULL: the file as a whole)
  stage TEXT NOT NULL,         -- read | normalize | split | extract | ingest
  code TEXT NOT NULL,          -- stable: E_* lost data, W_* did not
  message TEXT NOT NULL,       -- what to check next
  start INTEGER,               -- span in the document's text, when it has one
  "end" INTEGER,               -- evidence span end (exclusive)
  run_id TEXT                  -- run that recorded it
);
CREATE INDEX IF NOT EXISTS problems_source ON problems(source);
CREATE INDEX IF NOT EXISTS problems_code ON problems(code);

-- Reposts: documents sharing a work_key are one work.
CREATE VIEW IF NOT EXISTS works AS
SELECT work_key, count(*) AS copies, min(doc_number) AS doc_number, min(title) AS title,
       min(issuer) AS issuer, min(signed_date) AS signed_date, min(id) AS first_document,
       group_concat(source, ' | ') AS sources
FROM documents GROUP BY work_key;

CREATE VIEW IF NOT EXISTS same_as AS
SELECT a.id AS document_id, b.id AS same_as_id, a.work_key, a.source, b.source AS same_as_source
FROM documents a JOIN documents b ON a.work_key = b.work_key AND a.id != b.id;

-- Citations resolved to a catalogued document when one carries that number (the
-- lowest id when reposted), else dangling. Views, so loading the cited document
-- later resolves old citations without rewriting them.
CREATE VIEW IF NOT EXISTS citation_links AS
SELECT c.id, c.document_id AS citing_id, d.title AS citing_title, c.doc_number AS cited_number,
       (SELECT t.id FROM documents t WHERE t.doc_number_norm = c.doc_number_norm ORDER BY t.id LIMIT 1)
         AS cited_id,
       (SELECT t.title FROM documents t WHERE t.doc_number_norm = c.doc_number_norm ORDER BY t.id LIMIT 1)
         AS cited_title,
       CASE WHEN EXISTS (SELECT 1 FROM documents t WHERE t.doc_number_norm = c.doc_number_norm)
            THEN 'resolved' ELSE 'dangling' END AS status,
       c.doc_number_norm
FROM citations c JOIN documents d ON d.id = c.document_id;

CREATE VIEW IF NOT EXISTS cited_by AS
SELECT t.id AS document_id, t.doc_number, t.title, c.document_id AS cited_by_id, d.title AS cited_by_title,
       d.doc_number AS cited_by_number
FROM documents t JOIN citations c ON c.doc_number_norm = t.doc_number_norm
JOIN documents d ON d.id = c.document_id;

-- Attachments linked to the file ingested for them: a source whose referrer is the
-- notice's file (or URL) and whose path, URL or document title carries the name.
CREATE VIEW IF NOT EXISTS attachment_links AS
SELECT a.id, a.document_id, a.position, a.name, s.path AS attachment_source,
       CASE WHEN s.path IS NULL THEN 'not ingested' ELSE 'ingested' END AS status
FROM attachments a
JOIN documents d ON d.id = a.document_id
JOIN sources p ON p.path = d.source
LEFT JOIN sources s ON s.referrer IN (p.path, p.url) AND (
  instr(s.path, a.name) > 0 OR instr(coalesce(s.url, ''), a.name) > 0
  OR EXISTS (SELECT 1 FROM documents x WHERE x.source = s.path AND x.title = a.name));

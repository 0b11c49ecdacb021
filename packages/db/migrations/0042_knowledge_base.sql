-- 知识库 (knowledge base, docs/knowledge-base.md): articles operators answer consultations with. An article moves
-- draft → pending (待审核) → published (已发布) or rejected (已退回, with the reviewer's reason); each save is a
-- version row (who changed what). Search is our own code over plain tables, identical on PGlite and a server: the
-- published text's words and character pairs as terms (kb_terms), synonyms as data, pinyin initials on the row.
create table kb_articles (
  id int generated always as identity primary key,
  title text not null,
  body text not null,
  category_code text references categories (code),
  keywords text[] not null default '{}',
  valid_from date,
  valid_to date,
  state text not null default 'draft' check (state in ('draft', 'pending', 'published', 'rejected')),
  version int not null default 1,
  -- the version operators see (null: none published, or withdrawn); a newer working copy is reviewed beside it
  published_version int,
  reject_reason text,
  -- pinyin initials (拼音首字母) of the title, its words and the keywords: `sbk` finds 社保卡
  initials text[] not null default '{}',
  -- the searchable text's length in terms per field, for BM25's length normalisation
  title_len int not null default 0,
  body_len int not null default 0,
  keywords_len int not null default 0,
  use_count int not null default 0,
  created_by int references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_by int references users (id) on delete set null,
  updated_at timestamptz not null default now(),
  submitted_at timestamptz,
  reviewed_by int references users (id) on delete set null,
  reviewed_at timestamptz,
  published_at timestamptz,
  check (valid_to is null or valid_from is null or valid_to >= valid_from)
);
create index kb_articles_state on kb_articles (state, updated_at desc);

-- The units an article concerns (涉及单位): whose editors keep it.
create table kb_article_units (
  article_id int not null references kb_articles (id) on delete cascade,
  unit_id int not null references units (id),
  primary key (article_id, unit_id)
);
create index kb_article_units_unit on kb_article_units (unit_id);

-- Attachments (附件) through core/files: readable by whoever may read the published article.
create table kb_article_files (
  article_id int not null references kb_articles (id) on delete cascade,
  file_id bigint not null references files (id),
  position int not null default 0,
  primary key (article_id, file_id)
);
create index kb_article_files_file on kb_article_files (file_id);

-- 版本: every save, and every review decision, with what changed.
create table kb_article_versions (
  article_id int not null references kb_articles (id) on delete cascade,
  version int not null,
  event text not null check (event in ('created', 'edited', 'submitted', 'published', 'rejected')),
  title text not null,
  body text not null,
  category_code text,
  keywords text[] not null,
  unit_ids int[] not null,
  file_ids bigint[] not null default '{}',
  valid_from date,
  valid_to date,
  changed_fields text[] not null default '{}',
  note text,
  changed_by int references users (id) on delete set null,
  changed_at timestamptz not null,
  primary key (article_id, version)
);

-- The published text's terms: w:<word> (jieba, search mode) and g:<two characters>, per field, with their count.
create table kb_terms (
  article_id int not null references kb_articles (id) on delete cascade,
  term text not null,
  field text not null check (field in ('title', 'body', 'keywords')),
  tf int not null,
  primary key (term, article_id, field)
);
create index kb_terms_article on kb_terms (article_id);

-- 同义词: pairs the administrators keep; a query's word also searches its synonyms.
create table kb_synonyms (
  id int generated always as identity primary key,
  word text not null,
  synonym text not null,
  created_at timestamptz not null default now(),
  unique (word, synonym),
  check (word <> synonym)
);

-- An article used to answer an order (直接办结 with it): linked and counted.
create table kb_article_uses (
  article_id int not null references kb_articles (id) on delete cascade,
  order_id bigint not null references orders (id) on delete cascade,
  used_by int references users (id) on delete set null,
  used_at timestamptz not null,
  primary key (article_id, order_id)
);

insert into kb_synonyms (word, synonym) values
  ('社保', '社会保险'), ('医保', '医疗保险'), ('公积金', '住房公积金'), ('路灯', '照明'),
  ('户口', '户籍'), ('营业执照', '执照'), ('入学', '就学'), ('新生儿', '婴儿'),
  ('养老金', '退休金'), ('失业金', '失业保险金'), ('学区', '施教区'), ('噪音', '噪声'),
  ('违建', '违法建设'), ('物业', '物业服务'), ('身份证', '居民身份证'), ('驾照', '驾驶证');

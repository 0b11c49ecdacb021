drop table if exists kb_article_uses;
drop table if exists kb_synonyms;
drop table if exists kb_terms;
drop table if exists kb_article_versions;
drop table if exists kb_article_files;
drop table if exists kb_article_units;
drop table if exists kb_articles;

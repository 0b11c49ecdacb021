drop index if exists kb_article_versions_files;

-- 知识库附件 (docs/knowledge-base.md): a file any version of an article names stays readable through the article
-- (its working copy's by those who keep it, its published version's by readers while it is offered) and is kept
-- from the sweep of unattached uploads. Both ask "which versions name this file": a GIN index over file_ids.
create index kb_article_versions_files on kb_article_versions using gin (file_ids);

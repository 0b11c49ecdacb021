drop table if exists callback_links, supervisions, supervision_policies, supervision_levels;

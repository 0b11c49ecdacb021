alter table orders drop column if exists reported_urgency;

alter table orders drop column if exists arrived_by;

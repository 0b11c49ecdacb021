delete from condition_units where component_owner;
alter table condition_units drop constraint condition_units_one_party;
alter table condition_units drop column component_owner;
alter table condition_units add constraint condition_units_check check ((unit_id is not null) <> territorial);

-- A responsible-unit rule may name the owner (权属单位) of the component an order names: a manhole cover goes to
-- the utility that owns that cover. Such a rule gives way to the next one when the order names no component
-- or one without an owner (catalogue/routing.rules.ts). A rule is exactly one of: a unit, territorial, the owner.
alter table condition_units add column component_owner boolean not null default false;
alter table condition_units drop constraint condition_units_check;
alter table condition_units add constraint condition_units_one_party
  check (num_nonnulls(unit_id, nullif(territorial, false), nullif(component_owner, false)) = 1);

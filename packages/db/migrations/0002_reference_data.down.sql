delete from channels; delete from natures; delete from urgencies; delete from time_units; delete from roles; delete from order_states;

drop function if exists event_fold_reads(int8[], int[], text[], int[], text[], jsonb);

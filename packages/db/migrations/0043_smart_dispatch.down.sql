drop table dispatch_models;

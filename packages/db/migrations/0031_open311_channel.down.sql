-- Refused by the orders' foreign key while any order came through Open311: those orders keep their channel.
delete from channels where code = 'open311';

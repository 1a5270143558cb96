using Etl.Host.Cli;

return await EtlCli.RunAsync(args);

using CnnPerf.Cli;

return CliApplication.Run(args);

// Embedding CnnPerf's statistics in another application: correlation, regression and cross-validation on plain
// arrays you measured yourself (here: eight configurations of four networks on two frameworks).
using CnnPerf.Modeling;
using CnnPerf.Statistics;

string[] network = ["squeezenet", "squeezenet", "mobilenet", "mobilenet", "resnet18", "resnet18", "resnet50", "resnet50"];
double[] instructions = [1.41e9, 2.87e9, 1.60e9, 3.51e9, 7.91e9, 13.2e9, 17.9e9, 29.8e9];   // per inference
double[] l1Misses = [2.31e7, 4.05e7, 3.77e7, 6.12e7, 1.03e8, 1.71e8, 3.12e8, 4.90e8];       // per inference
double[] latencyMs = [9.8, 17.9, 13.2, 26.4, 39.1, 68.3, 91.6, 158.0];

var pearson = Correlation.Pearson(instructions, latencyMs);
var spearman = Correlation.Spearman(l1Misses, latencyMs);
Console.WriteLine($"latency ~ instructions: r = {pearson.R:F3}, p = {pearson.PValue:E2}, 95% CI [{pearson.Interval.Low:F3}, {pearson.Interval.High:F3}]");
Console.WriteLine($"latency ~ L1 misses:    rho = {spearman.Rho:F3}, p = {spearman.PValue:E2}");

double[][] features = [.. instructions.Select((x, i) => new[] { x, l1Misses[i] })];
var ols = LinearRegression.OrdinaryLeastSquares(features, latencyMs);
var ridge = LinearRegression.Ridge(features, latencyMs, lambda: 0.5);
Console.WriteLine($"OLS:   latency = {ols.Intercept:F2} + {ols.Coefficients[0]:E3} * instr + {ols.Coefficients[1]:E3} * misses, R^2 = {ols.RSquared:F3}, adj. R^2 = {ols.AdjustedRSquared:F3}");
Console.WriteLine($"       standardized: instr {ols.StandardizedCoefficients[0]:F3}, misses {ols.StandardizedCoefficients[1]:F3}");
Console.WriteLine($"Ridge: R^2 = {ridge.RSquared:F3}, standardized: instr {ridge.StandardizedCoefficients[0]:F3}, misses {ridge.StandardizedCoefficients[1]:F3}");

// Leave-one-network-out: each network is predicted by a model fitted on the other three.
var predicted = GroupCrossValidation.Predict(features, latencyMs, network);
var errors = PredictionErrors.Compute(latencyMs, predicted);
Console.WriteLine($"Leave-one-network-out: MAPE {errors.MeanAbsolutePercentageError:F1}%, RMSE {errors.RootMeanSquaredError:F1} ms, within +/-10%: {errors.WithinTenPercent:P0}");
for (var i = 0; i < network.Length; i++)
{
    Console.WriteLine($"  {network[i],-11} measured {latencyMs[i],6:F1} ms  predicted {predicted[i],6:F1} ms");
}

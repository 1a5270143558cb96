// The integration tests run real servers and the service process at full speed (the soak test saturates the CPU for
// a minute); run them one at a time so none of them is judged on a machine the others are loading.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

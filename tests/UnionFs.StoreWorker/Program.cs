using UnionFs;

if (args.Length > 0 && args[0] == "crash")
{
    return UnionFs.StoreWorker.CrashWorkload.Run(args[1..]);
}

// usage: UnionFs.StoreWorker STORE WORKER ROUNDS ARCHIVE...
// Each round loads every archive into the shared store, saves it under a reference of its own and under a shared
// one, reads both back, and removes its own: the operations that must not corrupt a store used by many processes.
var store = new LayerStore(args[0]);
var worker = args[1];
var rounds = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
for (var round = 0; round < rounds; round++)
{
    for (var i = 3; i < args.Length; i++)
    {
        var image = DockerArchive.Load(args[i], store);
        var own = $"worker-{worker}-{i}:{round}";
        store.Save(image, own);
        store.Save(image, $"shared-{i}:latest");
        if (store.LoadImage(own).Id != image.Id || store.LoadImage($"shared-{i}:latest").Id != image.Id)
        {
            Console.Error.WriteLine($"worker {worker}: a reference read back a different image");
            return 1;
        }

        if (!store.Remove(own))
        {
            Console.Error.WriteLine($"worker {worker}: {own} was not there to remove");
            return 1;
        }
    }
}

store.Dispose();
return 0;

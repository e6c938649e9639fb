namespace MediaCoop.Load.CatalogSeed;

/// <summary>
/// Real English stock-photo words, by the role they play in a title. The keyword ranking (most to least common)
/// starts with <see cref="Generic"/> and then interleaves the categories, so the head of the Zipf curve is the
/// vague words every stock library is full of and the specific ones follow.
/// </summary>
internal static class Vocabulary
{
    public static readonly string[] Generic =
    [
        "background", "people", "nature", "lifestyle", "outdoors", "business", "travel", "beautiful", "color", "day",
        "view", "landscape", "portrait", "person", "adult", "summer", "light", "modern", "happy", "city",
        "photography", "horizontal", "vertical", "nobody", "one", "two", "group", "indoors", "closeup", "scenic",
        "natural", "sky", "water", "green", "blue", "white", "black", "red", "yellow", "orange",
        "purple", "pink", "brown", "grey", "gold", "silver", "beige", "teal", "navy", "lime",
        "concept", "copy", "space", "image", "photo", "design", "texture", "pattern", "abstract", "scene",
    ];

    public static readonly string[] People =
    [
        "woman", "man", "girl", "boy", "child", "children", "family", "couple", "friends", "teenager", "baby",
        "grandmother", "grandfather", "businessman", "businesswoman", "doctor", "nurse", "teacher", "student",
        "farmer", "chef", "worker", "engineer", "athlete", "runner", "cyclist", "surfer", "musician", "artist",
        "dancer", "photographer", "tourist", "traveler", "team", "crowd", "mother", "father", "daughter", "son",
        "senior", "volunteer", "scientist", "mechanic", "barista", "baker", "fisherman", "gardener", "pilot",
        "firefighter", "police", "soldier", "bride", "groom", "toddler", "twins", "colleagues", "entrepreneur",
        "designer", "developer", "architect", "carpenter", "electrician", "plumber", "painter", "sculptor",
        "potter", "weaver", "shepherd", "beekeeper", "winemaker", "brewer", "florist", "butcher", "waiter",
        "cashier", "customer", "patient", "surgeon", "dentist", "pharmacist", "veterinarian", "lawyer", "judge",
        "journalist", "writer", "poet", "actor", "singer", "drummer", "guitarist", "violinist", "pianist",
        "skateboarder", "skier", "snowboarder", "climber", "hiker", "swimmer", "diver", "sailor", "kayaker",
        "yogi", "boxer", "golfer", "footballer", "coach", "referee", "fans", "protesters", "refugees", "nomad",
    ];

    public static readonly string[] Animals =
    [
        "dog", "cat", "horse", "cow", "sheep", "bird", "eagle", "owl", "fox", "deer", "bear", "wolf", "lion",
        "tiger", "elephant", "giraffe", "zebra", "monkey", "rabbit", "squirrel", "duck", "swan", "butterfly",
        "bee", "fish", "dolphin", "whale", "turtle", "frog", "puppy", "kitten", "chicken", "goat", "pig",
        "donkey", "camel", "llama", "alpaca", "penguin", "seal", "otter", "beaver", "hedgehog", "badger",
        "parrot", "flamingo", "heron", "stork", "pelican", "seagull", "robin", "sparrow", "hummingbird",
        "dragonfly", "ladybug", "spider", "snail", "lizard", "crocodile", "shark", "octopus", "jellyfish",
        "crab", "starfish", "coral", "bison", "moose", "reindeer", "kangaroo", "koala", "panda", "gorilla",
        "cheetah", "leopard", "rhino", "hippo", "buffalo", "hawk", "falcon", "vulture", "crow", "raven",
    ];

    public static readonly string[] Things =
    [
        "coffee", "cup", "laptop", "phone", "smartphone", "book", "bicycle", "car", "train", "boat", "airplane",
        "camera", "guitar", "piano", "flower", "flowers", "tree", "trees", "table", "chair", "window", "door",
        "bridge", "building", "house", "lighthouse", "tent", "umbrella", "clock", "key", "bottle", "wine",
        "bread", "cake", "pizza", "salad", "fruit", "apple", "lemon", "strawberry", "tomato", "vegetables",
        "pasta", "soup", "burger", "sushi", "cheese", "chocolate", "tea", "beer", "cocktail", "juice", "milk",
        "eggs", "honey", "rice", "noodles", "spices", "herbs", "basil", "avocado", "banana", "cherry", "grapes",
        "pumpkin", "mushroom", "corn", "wheat", "leaf", "leaves", "rose", "tulip", "sunflower", "lavender",
        "daisy", "orchid", "cactus", "fern", "moss", "grass", "rock", "stone", "sand", "shell", "wave", "waves",
        "cloud", "clouds", "rain", "snow", "ice", "fire", "smoke", "candle", "lamp", "lantern", "balloon",
        "gift", "box", "paper", "pencil", "notebook", "desk", "keyboard", "screen", "monitor", "headphones",
        "microphone", "robot", "drone", "satellite", "rocket", "tractor", "truck", "bus", "tram", "motorcycle",
        "scooter", "skateboard", "surfboard", "kayak", "sailboat", "yacht", "ship", "anchor", "rope", "net",
        "basket", "bag", "suitcase", "map", "compass", "backpack", "hat", "glasses", "sunglasses", "shoes",
        "dress", "jacket", "scarf", "mask", "helmet", "ball", "racket", "bench", "fence", "gate", "wall",
        "roof", "stairs", "tower", "windmill", "fountain", "statue", "sign", "flag", "money", "coins", "card",
        "chart", "graph", "document", "contract", "calendar", "syringe", "stethoscope", "pills", "vaccine",
        "solar", "panels", "turbine", "battery", "charger", "plug", "cable", "server", "circuit", "chip",
    ];

    public static readonly string[] Places =
    [
        "beach", "mountain", "mountains", "forest", "street", "park", "lake", "river", "ocean", "sea", "desert",
        "field", "garden", "kitchen", "office", "cafe", "restaurant", "market", "village", "countryside", "farm",
        "harbor", "island", "valley", "canyon", "waterfall", "glacier", "meadow", "vineyard", "road", "highway",
        "skyline", "rooftop", "classroom", "hospital", "library", "studio", "stadium", "airport", "station",
        "church", "temple", "castle", "museum", "coast", "cliff", "cave", "jungle", "savanna", "tundra",
        "volcano", "hill", "hills", "pier", "marina", "bay", "lagoon", "reef", "wetland", "swamp", "orchard",
        "barn", "cabin", "cottage", "apartment", "loft", "bedroom", "bathroom", "living", "room", "hallway",
        "warehouse", "factory", "laboratory", "gym", "pool", "playground", "school", "university", "campus",
        "downtown", "suburb", "alley", "square", "plaza", "boulevard", "tunnel", "subway", "parking", "mall",
        "shop", "bakery", "pub", "bar", "hotel", "resort", "camping", "trail", "path", "bridge", "dock",
        "paris", "london", "tokyo", "berlin", "rome", "venice", "barcelona", "lisbon", "iceland", "norway",
        "kenya", "peru", "bali", "morocco", "india", "vietnam", "mexico", "canada", "scotland", "ireland",
        "greece", "croatia", "portugal", "japan", "chile", "patagonia", "alps", "sahara", "amazon", "himalaya",
    ];

    public static readonly string[] Adjectives =
    [
        "smiling", "young", "old", "vintage", "colorful", "bright", "dark", "sunny", "cloudy", "foggy", "snowy",
        "rainy", "golden", "quiet", "busy", "urban", "rural", "aerial", "minimal", "fresh", "healthy",
        "traditional", "rustic", "cozy", "peaceful", "dramatic", "misty", "wild", "tropical", "ancient",
        "elegant", "cheerful", "serious", "thoughtful", "confident", "relaxed", "tired", "excited", "calm",
        "stormy", "frozen", "warm", "cold", "empty", "crowded", "tiny", "huge", "tall", "narrow", "wide",
        "wooden", "metallic", "glass", "concrete", "organic", "homemade", "delicious", "spicy", "sweet",
        "sustainable", "green", "digital", "futuristic", "retro", "classic", "luxury", "simple", "clean",
        "messy", "soft", "sharp", "blurred", "silhouetted", "backlit", "reflective", "transparent", "shiny",
        "pastel", "vibrant", "muted", "moody", "candid", "joyful", "lonely", "together", "multicultural",
        "diverse", "senior", "professional", "casual", "festive", "seasonal", "local", "handmade", "natural",
        "café", "crème", "jalapeño", "piñata", "fiancée", "naïve", "açaí", "smörgåsbord", "jalapeños", "résumé",
    ];

    public static readonly string[] Actions =
    [
        "walking", "running", "working", "reading", "cooking", "eating", "drinking", "playing", "laughing",
        "talking", "swimming", "hiking", "cycling", "dancing", "singing", "sitting", "standing", "relaxing",
        "studying", "shopping", "driving", "traveling", "fishing", "painting", "gardening", "climbing", "surfing",
        "skiing", "meeting", "celebrating", "hugging", "kissing", "jumping", "flying", "sleeping", "resting",
        "waiting", "writing", "typing", "calling", "teaching", "learning", "building", "repairing", "planting",
        "harvesting", "baking", "pouring", "serving", "selling", "buying", "paying", "exercising", "stretching",
        "meditating", "praying", "voting", "protesting", "marching", "commuting", "exploring", "camping",
        "sailing", "rowing", "diving", "skating", "riding", "feeding", "grazing", "hunting", "nesting", "blooming",
        "growing", "melting", "burning", "crashing", "shining", "glowing", "reflecting", "floating", "falling",
    ];

    public static readonly string[] Times =
    [
        "sunrise", "sunset", "morning", "evening", "night", "dusk", "dawn", "noon", "twilight", "midnight",
        "autumn", "winter", "spring", "weekend", "holiday", "christmas", "easter", "halloween", "ramadan",
        "diwali", "newyear", "harvest", "springtime", "wintertime", "fall", "rainy", "season",
    ];

    public static readonly string[] Concepts =
    [
        "technology", "education", "health", "food", "love", "friendship", "success", "teamwork", "freedom",
        "happiness", "sustainability", "environment", "energy", "finance", "communication", "innovation",
        "diversity", "wellness", "fitness", "vacation", "wedding", "birthday", "celebration", "leisure",
        "adventure", "exploration", "journey", "tradition", "culture", "heritage", "architecture", "industry",
        "agriculture", "science", "medicine", "healthcare", "research", "data", "network", "security",
        "privacy", "growth", "strategy", "marketing", "sales", "startup", "economy", "investment", "savings",
        "retirement", "insurance", "real", "estate", "construction", "transport", "logistics", "shipping",
        "commerce", "retail", "ecommerce", "delivery", "climate", "pollution", "recycling", "conservation",
        "wildlife", "biodiversity", "ecology", "renewable", "electric", "mobility", "community", "solidarity",
        "cooperation", "equality", "inclusion", "accessibility", "mindfulness", "parenting", "childhood",
        "aging", "remote", "work", "hybrid", "meeting", "conference", "presentation", "idea", "creativity",
    ];

    public static readonly string[] FirstNames =
    [
        "Ana", "Ben", "Chloé", "Dmitri", "Emma", "Farid", "Grace", "Hiro", "Inès", "Jonas", "Kofi", "Lena",
        "Mateo", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Sven", "Tariq", "Uma", "Viktor", "Wen", "Ximena",
        "Yusuf", "Zoë", "Amara", "Bruno", "Carmen", "Diego", "Elif", "Finn", "Giulia", "Hana", "Ivan", "Jade",
        "Kai", "Lucía", "Marek", "Nia", "Oskar", "Paola", "Rahul", "Sofia", "Tomás", "Ulla", "Vera", "Wilhelm",
        "Yara", "Zeynep", "Aiko", "Björn", "Camille", "Dario", "Esra", "Felix", "Greta", "Hugo", "Ingrid", "Jamal",
    ];

    public static readonly string[] LastNames =
    [
        "Silva", "Okafor", "Nguyen", "Müller", "García", "Kowalski", "Haddad", "Tanaka", "Rossi", "Johansson",
        "Dubois", "Mensah", "Petrov", "Costa", "O'Brien", "Schmidt", "Fernández", "Yilmaz", "Kim", "Novak",
        "Ahmed", "Larsen", "Moreau", "Santos", "Ivanova", "Bianchi", "Andersen", "Kaur", "Lopez", "Nakamura",
        "Horvat", "Eriksson", "Papadopoulos", "Mwangi", "Chen", "Weber", "Jansen", "Sato", "Popescu", "Lindqvist",
    ];

    public static readonly string[] Cameras =
    [
        "Canon EOS R5", "Canon EOS R6", "Nikon Z7 II", "Nikon Z6 III", "Sony A7 IV", "Sony A7R V", "Fujifilm X-T5",
        "Fujifilm GFX 100S", "Panasonic S5 II", "OM System OM-1", "Leica Q3", "iPhone 15 Pro", "Pixel 9 Pro", "DJI Mavic 3",
    ];

    public static readonly string[] Lenses =
    [
        "24-70mm f/2.8", "70-200mm f/2.8", "35mm f/1.4", "50mm f/1.8", "85mm f/1.4", "16-35mm f/4", "100mm f/2.8 Macro",
        "14mm f/2.8", "100-400mm f/4.5-5.6", "23mm f/2",
    ];
}
